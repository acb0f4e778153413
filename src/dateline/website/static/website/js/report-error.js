// Reader error reports: select text in a story and press Ctrl+Enter (or use the "Report an
// error" link) to send the selection to the newsroom from a small dialog.
//
// Without this script the link opens the report page, which works on its own. The page's
// Content-Security-Policy allows no inline script or style, so all state is shown by
// toggling the `hidden` attribute and classes defined in site.css.
(() => {
  "use strict";

  const link = document.querySelector("[data-report-error]");
  const dialog = document.getElementById("report-error-dialog");
  if (!link || !dialog || typeof dialog.showModal !== "function") return;

  const form = dialog.querySelector("form");
  const quote = form.elements.namedItem("quoted_text");
  const comment = form.elements.namedItem("comment");
  const submit = form.querySelector("[data-report-submit]");
  const status = form.querySelector("[data-report-status]");
  const fields = Array.from(form.querySelectorAll(".report-form__field"));
  const closeButton = form.querySelector("[data-report-close]");
  // The page's language: the template puts the translated words in data attributes.
  const CANCEL = closeButton.dataset.labelCancel || "Cancel";
  const CLOSE = closeButton.dataset.labelClose || "Close";
  const FAILED = form.dataset.reportFailed || "The report could not be sent; try again later.";
  const QUOTE_LIMIT = Number(quote.getAttribute("maxlength")) || 1000;
  // Parts of the story a reader may quote: headline, lead, picture caption and body.
  const QUOTABLE = ".article__header, .article__lead, .article__figure, .article__body";

  // The last selection made inside the story. Tapping the link on a phone clears the
  // selection before the click arrives, so it is remembered as it is made.
  let remembered = "";

  function selectedStoryText() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return "";
    const node = selection.getRangeAt(0).commonAncestorContainer;
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    const story = element && element.closest(".article");
    if (!story || element.closest("dialog")) return "";
    // A selection spanning several parts of the story counts if it starts inside one.
    const start = selection.anchorNode && selection.anchorNode.parentElement;
    if (!element.closest(QUOTABLE) && !(start && start.closest(QUOTABLE))) return "";
    return selection.toString().replace(/\s+\n/g, "\n").trim();
  }

  document.addEventListener("selectionchange", () => {
    if (dialog.open) return;
    const text = selectedStoryText();
    if (text) remembered = text;
  });

  function showErrors(errors) {
    form.querySelectorAll("[data-report-error-for]").forEach((slot) => {
      const messages = (errors[slot.dataset.reportErrorFor] || []).map((e) => e.message);
      slot.textContent = messages.join(" ");
      slot.hidden = messages.length === 0;
      const field = slot.closest(".report-form__field");
      if (field) {
        field.classList.toggle("report-form__field--invalid", messages.length > 0);
        const control = field.querySelector("textarea, input");
        if (messages.length) control.setAttribute("aria-invalid", "true");
        else control.removeAttribute("aria-invalid");
      }
    });
  }

  function reset(text) {
    form.reset();
    showErrors({});
    fields.forEach((field) => (field.hidden = false));
    status.hidden = true;
    status.textContent = "";
    submit.hidden = false;
    submit.disabled = false;
    closeButton.textContent = CANCEL;
    quote.value = text.slice(0, QUOTE_LIMIT);
  }

  function open(text) {
    reset(text);
    dialog.showModal();
    // With a quote the reader's next step is the comment; without one, the quote itself.
    (quote.value ? comment : quote).focus();
  }

  link.addEventListener("click", (event) => {
    event.preventDefault();
    open(selectedStoryText() || remembered);
  });

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    if (dialog.open) {
      // Ctrl+Enter inside the dialog sends it, as in most mail and chat programs.
      event.preventDefault();
      if (!submit.hidden && !submit.disabled) form.requestSubmit(submit);
      return;
    }
    const text = selectedStoryText();
    if (!text) return;
    event.preventDefault();
    open(text);
  });

  dialog.querySelectorAll("[data-report-close]").forEach((button) =>
    button.addEventListener("click", () => dialog.close()),
  );

  // A click on the backdrop (outside the dialog's box) closes it, as Escape does.
  dialog.addEventListener("click", (event) => {
    if (event.target !== dialog) return;
    const box = dialog.getBoundingClientRect();
    const inside =
      event.clientX >= box.left && event.clientX <= box.right &&
      event.clientY >= box.top && event.clientY <= box.bottom;
    if (!inside) dialog.close();
  });

  dialog.addEventListener("close", () => {
    remembered = "";
  });

  function finished(message) {
    fields.forEach((field) => (field.hidden = true));
    showErrors({});
    submit.hidden = true;
    status.textContent = message;
    status.hidden = false;
    closeButton.textContent = CLOSE;
    closeButton.focus();
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    let answer = null;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        headers: { Accept: "application/json" },
        body: new URLSearchParams(new FormData(form)),
        credentials: "same-origin",
      });
      answer = await response.json().catch(() => null);
      if (response.ok && answer && answer.ok) {
        finished(answer.message);
        return;
      }
    } catch (error) {
      answer = null;
    }
    submit.disabled = false;
    if (answer && answer.errors) {
      showErrors(answer.errors);
      const invalid = form.querySelector("[aria-invalid=true]");
      if (invalid) invalid.focus();
    } else {
      const message = (answer && answer.error) || FAILED;
      showErrors({ __all__: [{ message }] });
    }
  });
})();
