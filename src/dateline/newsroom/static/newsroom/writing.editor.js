// The story body editor: django-prose-editor (ProseMirror and Tiptap) on the body textarea.
//
// django-prose-editor's own presets load through an import map, an inline <script> that the
// newsroom's Content-Security-Policy (script-src 'self') refuses, and Tiptap would inject a
// <style> element that style-src 'self' refuses too. So this module imports the editor
// bundle by its URL (data-editor-module) and starts Tiptap with injectCSS off; the few
// rules Tiptap would have injected are in writing.css. The policy stays strict.
//
// The server describes the editor in data-django-prose-editor-newsroom (see
// newsroom/writing.py) and cleans whatever it receives, whatever this script does. The words
// it writes come from the newsroom's JavaScript catalog (/newsroom/jsi18n/, the djangojs
// messages, loaded before this module runs); without the catalog they stay English.

const gettext = window.gettext ?? ((text) => text)
const ngettext = window.ngettext ?? ((singular, plural, count) => (count === 1 ? singular : plural))
const interpolate =
  window.interpolate ??
  ((format, values) => format.replace(/%\((\w+)\)s/g, (_match, name) => String(values[name])))

const SELECTOR = "textarea[data-django-prose-editor-newsroom]"

// --- Extensions of our own ----------------------------------------------------------------

// A heading of any level pastes as the nearest level the story allows (Word's "Heading 1"
// becomes a subhead, an h4 the smaller subhead) instead of losing its heading-ness.
function headingWithNearestLevel(Heading) {
  return Heading.extend({
    parseHTML() {
      const levels = [...this.options.levels].sort()
      const nearest = (level) =>
        levels.reduce((best, l) => (Math.abs(l - level) < Math.abs(best - level) ? l : best))
      return [1, 2, 3, 4, 5, 6].map((level) => ({
        tag: `h${level}`,
        attrs: { level: nearest(level) },
      }))
    },
  })
}

// <img data-image-id>: which picture-library entry a body image is, so reader pages can
// serve its renditions.
function libraryImage(Image) {
  return Image.extend({
    addAttributes() {
      return {
        ...this.parent?.(),
        title: { default: null, parseHTML: () => null, renderHTML: () => ({}) },
        imageId: {
          default: null,
          parseHTML: (element) => element.getAttribute("data-image-id"),
          renderHTML: (attributes) =>
            attributes.imageId ? { "data-image-id": attributes.imageId } : {},
        },
      }
    },
  })
}

// The credit line inside a caption: <figcaption>Caption <small>Photo: Agency</small>.
function creditMark(Mark) {
  return Mark.create({
    name: "credit",
    inclusive: false,
    parseHTML: () => [{ tag: "small" }],
    renderHTML: () => ["small", 0],
  })
}

function figureAround(state) {
  const { selection } = state
  if (selection.node?.type.name === "figure") {
    return { from: selection.from, to: selection.from + selection.node.nodeSize }
  }
  const { $from } = selection
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth)
    if (node.type.name === "figure") {
      const from = $from.before(depth)
      return { from, to: from + node.nodeSize }
    }
  }
  return null
}

export function figureContent(picture) {
  const caption = []
  if (picture.caption) caption.push({ type: "text", text: picture.caption })
  if (picture.credit) {
    if (caption.length) caption.push({ type: "text", text: " " })
    caption.push({ type: "text", text: picture.credit, marks: [{ type: "credit" }] })
  }
  const image = {
    type: "image",
    attrs: {
      src: picture.url,
      alt: picture.alt,
      width: picture.width || null,
      height: picture.height || null,
      imageId: String(picture.id),
    },
  }
  return {
    type: "figure",
    content: caption.length ? [image, { type: "caption", content: caption }] : [image],
  }
}

// The library's figure, whose toolbar button opens the picture library instead of asking
// for an image URL. On a selected figure, the chosen picture replaces it.
function libraryFigure(Figure, canInsertNode, picker) {
  return Figure.extend({
    addCommands() {
      return {
        ...this.parent?.(),
        editImage:
          () =>
          ({ editor, state, dispatch }) => {
            const around = figureAround(state)
            const possible = Boolean(around) || canInsertNode(state, state.schema.nodes.figure)
            if (!picker || !possible) return false
            if (!dispatch) return true
            picker.choose().then((picture) => {
              if (!picture) {
                editor.commands.focus()
                return
              }
              const content = figureContent(picture)
              const chain = editor.chain().focus()
              if (around) chain.insertContentAt(around, content).run()
              else chain.insertContent(content).run()
            })
            return true
          },
      }
    },
  })
}

// --- Paste from Word, Google Docs and web pages ---------------------------------------

// Any parse of pasted HTML in this page (ProseMirror's own included) makes the browser
// report every inline style in it as a CSP violation, although nothing is applied. So
// style attributes are renamed and <style> elements removed before anything is parsed;
// what the styles meant (bold, italic) is turned into <strong> and <em>, and Word's list
// paragraphs, whose bullets and numbers are drawn as text, into real lists. The editor's
// schema then keeps only what a story may hold, and the server cleans it again on save.
const STYLE_ELEMENT = /<style[\s\S]*?<\/style\s*>/gi
const STYLE_ATTRIBUTE = /(<[a-z][^<>]*?\s)style(\s*=)/gi
const PASTED_STYLE = "data-pasted-style"
const WORD_LIST_ITEM = /mso-list:\s*l\d+\s+level\d/i
const ORDERED_MARKER = /^\(?([0-9]{1,3}|[a-z]|[ivxlc]{1,6})[.)]$/i

function declarations(element) {
  const found = {}
  for (const part of (element.getAttribute(PASTED_STYLE) || "").split(";")) {
    const [name, ...value] = part.split(":")
    if (name && value.length) found[name.trim().toLowerCase()] = value.join(":").trim().toLowerCase()
  }
  return found
}

function unwrap(element) {
  element.replaceWith(...element.childNodes)
}

function wrapChildren(element, tag) {
  const wrapper = element.ownerDocument.createElement(tag)
  wrapper.append(...element.childNodes)
  element.append(wrapper)
}

function listsFromWord(doc) {
  let list = null
  for (const paragraph of [...doc.body.querySelectorAll("p")]) {
    if (!WORD_LIST_ITEM.test(paragraph.getAttribute(PASTED_STYLE) || "")) {
      list = null
      continue
    }
    let marker = ""
    for (const span of paragraph.querySelectorAll(`span[${PASTED_STYLE}]`)) {
      if (/mso-list:\s*ignore/i.test(span.getAttribute(PASTED_STYLE))) {
        marker ||= span.textContent.replace(/\s+/g, "")
        span.remove()
      }
    }
    const kind = ORDERED_MARKER.test(marker) ? "ol" : "ul"
    if (!list || list.localName !== kind || paragraph.previousElementSibling !== list) {
      list = doc.createElement(kind)
      paragraph.before(list)
    }
    const item = doc.createElement("li")
    const text = doc.createElement("p")
    text.append(...paragraph.childNodes)
    item.append(text)
    list.append(item)
    paragraph.remove()
  }
}

function emphasisFromStyles(doc) {
  for (const element of [...doc.body.querySelectorAll(`[${PASTED_STYLE}]`)]) {
    const style = declarations(element)
    const weight = style["font-weight"] ?? ""
    const bold = weight === "bold" || weight === "bolder" || Number(weight) >= 600
    const notBold = weight === "normal" || (Number(weight) > 0 && Number(weight) < 600)
    const italic = style["font-style"] === "italic"
    const tag = element.localName
    element.removeAttribute(PASTED_STYLE)
    if ((tag === "b" || tag === "strong") && notBold) {
      unwrap(element) // Google Docs wraps a whole copy in <b style="font-weight:normal">
      continue
    }
    if (bold && !/^(b|strong|h[1-6]|th)$/.test(tag)) wrapChildren(element, "strong")
    if (italic && tag !== "i" && tag !== "em") wrapChildren(element, "em")
  }
}

export function cleanPastedHtml(html, mediaUrl = "/media/") {
  let renamed = html.replace(STYLE_ELEMENT, "")
  // Again until nothing changes: one pass renames one style attribute per tag.
  for (let before = null; before !== renamed; ) {
    before = renamed
    renamed = renamed.replace(STYLE_ATTRIBUTE, `$1${PASTED_STYLE}$2`)
  }
  const doc = new DOMParser().parseFromString(renamed, "text/html")
  listsFromWord(doc)
  emphasisFromStyles(doc)
  for (const image of doc.body.querySelectorAll("img")) {
    // Pictures come from the library; a pasted one would point at a file on someone's
    // computer or another site, and the server would drop it anyway.
    const source = image.getAttribute("src") || ""
    if (!source.startsWith(mediaUrl) || source.startsWith("//")) image.remove()
  }
  for (const paragraph of doc.body.querySelectorAll("p")) {
    if (!paragraph.textContent.replace(/\u00a0/g, " ").trim() && !paragraph.querySelector("img")) {
      paragraph.remove() // the empty paragraphs Word and Docs use for spacing
    }
  }
  return doc.body.innerHTML
}

// --- The picture dialog -------------------------------------------------------------------

function element(tag, properties = {}, children = []) {
  const node = Object.assign(document.createElement(tag), properties)
  node.append(...children)
  return node
}

// How many pictures the dialog lists; "newest first" while more can be loaded.
function shownStatus(count, more) {
  return more
    ? ngettext(
        "%(count)s picture, newest first. Choose one to insert it.",
        "%(count)s pictures, newest first. Choose one to insert it.",
        count,
      )
    : ngettext(
        "%(count)s picture. Choose one to insert it.",
        "%(count)s pictures. Choose one to insert it.",
        count,
      )
}

function picturePicker(textarea) {
  const url = textarea.dataset.picturePicker
  const template = document.getElementById(`${textarea.id}_pictures`)
  if (!url || !template) return null
  const dialog = template.content.firstElementChild.cloneNode(true)
  document.body.append(dialog)
  const search = dialog.querySelector("form")
  const grid = dialog.querySelector("[data-grid]")
  const status = dialog.querySelector("[data-status]")
  const more = dialog.querySelector("[data-more]")
  let resolve = null
  let next = null
  let request = 0

  function finish(picture) {
    const done = resolve
    resolve = null
    if (dialog.open) dialog.close()
    done?.(picture)
  }

  function card(picture) {
    const image = element("img", {
      src: picture.thumbnail,
      alt: "",
      loading: "lazy",
      decoding: "async",
      width: picture.width,
      height: picture.height,
    })
    const button = element("button", { type: "button", className: "picture-picker__choice" }, [
      image,
      element("span", { className: "picture-picker__alt", textContent: picture.alt }),
      element("span", { className: "picture-picker__credit", textContent: picture.credit }),
    ])
    button.dataset.pictureId = picture.id
    button.addEventListener("click", () => finish(picture))
    return element("li", {}, [button])
  }

  async function load({ fresh }) {
    const mine = ++request
    const query = new URLSearchParams({ q: search.elements.q.value.trim() })
    if (!fresh && next) query.set("after", next)
    status.textContent = gettext("Loading pictures…")
    more.hidden = true
    try {
      const response = await fetch(`${url}?${query}`, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
      if (!response.ok) {
        // Translators: why the pictures could not be loaded; status is an HTTP status code.
        const reason = gettext("the newsroom answered %(status)s")
        throw new Error(interpolate(reason, { status: response.status }, true))
      }
      const page = await response.json()
      if (mine !== request) return // a newer search is on its way
      if (fresh) grid.replaceChildren()
      grid.append(...page.pictures.map(card))
      next = page.next
      more.hidden = !next
      const shown = grid.children.length
      status.textContent = shown
        ? interpolate(shownStatus(shown, Boolean(next)), { count: shown }, true)
        : gettext("No picture matches. Upload it to the picture library first.")
    } catch (error) {
      if (mine === request) {
        const failed = gettext("Pictures could not be loaded (%(reason)s).")
        status.textContent = interpolate(failed, { reason: error.message }, true)
      }
    }
  }

  search.addEventListener("submit", (event) => {
    event.preventDefault()
    load({ fresh: true })
  })
  more.addEventListener("click", () => load({ fresh: false }))
  dialog.querySelector("[data-close]").addEventListener("click", () => finish(null))
  dialog.addEventListener("close", () => finish(null))

  return {
    choose() {
      finish(null)
      return new Promise((done) => {
        resolve = done
        dialog.showModal()
        search.elements.q.focus()
        load({ fresh: true })
      })
    },
  }
}

// --- Starting the editor ------------------------------------------------------------------

function emptyAsBlank(html) {
  return /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html
}

function extensionsFor(config, bundle, picker) {
  const own = {
    Heading: headingWithNearestLevel(bundle.Heading),
    Image: libraryImage(bundle.Image),
    Figure: libraryFigure(bundle.Figure, bundle.canInsertNode, picker),
    Credit: creditMark(bundle.Mark),
  }
  return Object.entries(config.extensions).map(([name, options]) => {
    const extension = own[name] ?? bundle[name]
    if (!extension) throw new Error(`The body editor has no extension called ${name}.`)
    return typeof options === "object" ? extension.configure(options) : extension
  })
}

async function start(textarea) {
  const config = JSON.parse(textarea.dataset.djangoProseEditorNewsroom)
  const bundle = await import(textarea.dataset.editorModule)
  const disabled = textarea.hasAttribute("disabled")
  const wrapper = element("div", { className: `prose-editor${disabled ? " disabled" : ""}` })
  const label =
    textarea.labels?.[0]?.textContent.replace(/:\s*$/, "").trim() ||
    // Translators: the body editor's name for screen readers when its field has no label.
    gettext("Body")
  textarea.before(wrapper)
  wrapper.append(textarea)
  let editor
  try {
    editor = new bundle.Editor({
      element: wrapper,
      editable: !disabled,
      injectCSS: false,
      extensions: extensionsFor(config, bundle, picturePicker(textarea)),
      content: textarea.value,
      editorProps: {
        transformPastedHTML: (html) => cleanPastedHtml(html, textarea.dataset.mediaUrl),
        attributes: { "aria-label": label },
      },
      onUpdate({ editor }) {
        textarea.value = emptyAsBlank(editor.getHTML())
        textarea.dispatchEvent(new Event("input", { bubbles: true }))
      },
    })
  } catch (error) {
    wrapper.before(textarea) // back to the plain textarea, which the CSS hid in the wrapper
    wrapper.remove()
    throw error
  }
  textarea.dispatchEvent(
    new CustomEvent("prose-editor:ready", { detail: { editor, textarea }, bubbles: true }),
  )
  return editor
}

for (const textarea of document.querySelectorAll(SELECTOR)) {
  start(textarea).catch((error) => {
    // The textarea is still there and still submits: the story can be written in HTML.
    console.error("The body editor could not start:", error)
  })
}
