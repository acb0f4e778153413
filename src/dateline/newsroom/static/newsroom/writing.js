// Live hints on the article screen: how the headline fits a search result, the address
// readers will find the story at, and the body's word count and reading time.
//
// The server draws every hint once (newsroom/writing.py), so the page is complete without
// this script; it only keeps them current while the editor types. Settings arrive in data-
// attributes: the newsroom's Content-Security-Policy allows no inline script or style.
//
// The words it writes come from the newsroom's JavaScript catalog (/newsroom/jsi18n/, the
// djangojs messages, loaded before this module runs), in the editor's language; without the
// catalog they stay English.

const gettext = window.gettext ?? ((text) => text)
const ngettext = window.ngettext ?? ((singular, plural, count) => (count === 1 ? singular : plural))
const interpolate =
  window.interpolate ??
  ((format, values) => format.replace(/%\((\w+)\)s/g, (_match, name) => String(values[name])))

// --- Headline length in search results --------------------------------------------------

// Desktop search results set titles in 20px Arial; a canvas measures text the same way
// without touching the page (and without any style attribute).
const SEARCH_FONT = "20px Arial, Helvetica, sans-serif"
let ruler = null

function textWidth(text) {
  ruler ??= document.createElement("canvas").getContext("2d")
  ruler.font = SEARCH_FONT
  return ruler.measureText(text).width
}

// Where a search result would cut ``text``: the last space before it stops fitting into
// ``pixels`` (with room for the ellipsis) or passes ``characters``.
export function searchCut(text, { characters, pixels }) {
  const room = pixels - textWidth(" …")
  let prefix = ""
  let count = 0
  for (const character of text) {
    if (count + 1 > characters || textWidth(prefix + character) > room) break
    prefix += character
    count += 1
  }
  if (prefix === text) return text
  const space = prefix.lastIndexOf(" ")
  return space > 0 ? prefix.slice(0, space) : prefix
}

// The sentence around the live character count, as the server wrote it under the headline
// (newsroom/widgets/headline.html), for the count now: in Russian its noun changes with the
// number. [before, after] the count's <span>, or null if a translation lost the span.
const COUNT_SPAN = "<span data-characters>%(counter)s</span>"

function countSentence(characters, limit) {
  const sentence = ngettext(
    // Translators: the same sentence as under the headline on the server; keep the span as
    // it is: the script puts the number in it.
    "<span data-characters>%(counter)s</span> characters; search results show about %(limit)s.",
    "<span data-characters>%(counter)s</span> characters; search results show about %(limit)s.",
    characters,
  )
  const parts = sentence.split(COUNT_SPAN)
  return parts.length === 2 ? parts.map((part) => interpolate(part, { limit }, true)) : null
}

// Replaces a text node's words, keeping the template's indentation on the outer side.
function rewordText(node, words, { keepLeading }) {
  if (node?.nodeType !== Node.TEXT_NODE) return
  node.data = keepLeading ? node.data.match(/^\s*/)[0] + words : words + node.data.match(/\s*$/)[0]
}

function headlineHint(hint) {
  const input = document.getElementById(hint.dataset.headlineHintFor)
  if (!input) return
  const count = hint.querySelector("[data-characters]")
  const warning = hint.querySelector("[data-warning]")
  const limits = {
    characters: Number(input.dataset.searchCharacters) || 65,
    pixels: Number(input.dataset.searchPixels) || 600,
  }
  const update = () => {
    const text = input.value.trim()
    const characters = [...text].length
    count.textContent = characters
    const around = countSentence(characters, limits.characters)
    if (around) {
      rewordText(count.previousSibling, around[0], { keepLeading: true })
      rewordText(count.nextSibling, around[1], { keepLeading: false })
    }
    const long = characters > limits.characters || textWidth(text) > limits.pixels
    hint.classList.toggle("writing-hint--long", long)
    warning.hidden = !long
    if (long) {
      warning.textContent = interpolate(
        // Translators: cut is the start of the headline a search result would show.
        gettext("Search results will cut it to about “%(cut)s …”."),
        { cut: searchCut(text, limits) },
        true,
      )
    }
  }
  input.addEventListener("input", update)
  update()
}

// --- The story's address ----------------------------------------------------------------

function addressPreview(box) {
  const slug = document.getElementById(box.dataset.addressFor)
  if (!slug) return
  const fields = slug.form?.elements
  const edition = fields?.namedItem("edition")
  const headline = fields?.namedItem("headline")
  const addresses = JSON.parse(box.dataset.addresses || "{}")
  const output = box.querySelector("[data-address]")
  const moved = box.querySelector("[data-moved]")
  const update = () => {
    const template = addresses[edition?.value ?? ""]
    const value = slug.value.trim()
    if (!template || !value) {
      output.textContent = box.dataset.empty
      moved.hidden = true
      return
    }
    output.textContent = template
      .replace("{id}", box.dataset.storyId || "…")
      .replace("{slug}", encodeURIComponent(value))
    moved.hidden = !(box.hasAttribute("data-public") && value !== box.dataset.savedSlug)
  }
  // The admin fills the slug from the headline on keyup (prepopulate.js); read it after.
  const soon = () => setTimeout(update, 0)
  for (const field of [slug, edition, headline]) {
    for (const name of ["input", "change", "keyup"]) field?.addEventListener(name, soon)
  }
  update()
}

// --- Word count and reading time --------------------------------------------------------

// Elements whose edges end a word even with no space typed between them; the server counts
// by the same rule (dateline/lib/reading_time.py).
const BLOCKS = new Set(
  (
    "address article aside blockquote br caption dd div dl dt figcaption figure footer h1 h2 " +
    "h3 h4 h5 h6 header hr img li ol p pre section table td th tr ul"
  ).split(" "),
)
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u

function collectText(node, parts) {
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) {
      parts.push(child.data)
    } else if (child.nodeType === Node.ELEMENT_NODE) {
      const tag = child.localName
      if (tag === "script" || tag === "style") continue
      const block = BLOCKS.has(tag)
      if (block) parts.push(" ")
      collectText(tag === "template" ? child.content : child, parts)
      if (block) parts.push(" ")
    }
  }
}

export function countWords(html) {
  if (!html) return 0
  // A parsed, never displayed document: nothing in it runs or loads.
  const doc = new DOMParser().parseFromString(html, "text/html")
  const parts = []
  collectText(doc.body, parts)
  return parts
    .join("")
    .split(/\s+/)
    .filter((token) => HAS_LETTER_OR_DIGIT.test(token)).length
}

function bodyCounts(counts) {
  const body = document.getElementById(counts.dataset.countsFor)
  if (!body) return
  const perMinute = Number(counts.dataset.wordsPerMinute) || 230
  const words = counts.querySelector("[data-words]")
  const minutes = counts.querySelector("[data-minutes]")
  let pending = 0
  const update = () => {
    pending = 0
    const total = countWords(body.value)
    const reading = Math.ceil(total / perMinute)
    words.textContent = interpolate(
      ngettext("%(counter)s word", "%(counter)s words", total),
      { counter: total },
      true,
    )
    minutes.textContent = reading
      ? interpolate(
          // Translators: reading time, in minutes.
          ngettext("%(counter)s min read", "%(counter)s min read", reading),
          { counter: reading },
          true,
        )
      : gettext("nothing to read yet")
  }
  // The editor writes the textarea on every keystroke; count once per frame at most.
  body.addEventListener("input", () => {
    pending ||= requestAnimationFrame(update)
  })
  update()
}

for (const hint of document.querySelectorAll("[data-headline-hint-for]")) headlineHint(hint)
for (const box of document.querySelectorAll("[data-address-for]")) addressPreview(box)
for (const counts of document.querySelectorAll("[data-counts-for]")) bodyCounts(counts)
