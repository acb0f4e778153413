// Copy buttons beside preview links and kept text. Without JavaScript the text can still be
// selected by hand (a click selects a whole link), so the buttons only save a step.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy-text], [data-copy-previous]");
  if (!button || !navigator.clipboard) {
    return;
  }
  const text = button.hasAttribute("data-copy-text")
    ? button.getAttribute("data-copy-text")
    : button.previousElementSibling?.value ?? "";
  navigator.clipboard.writeText(text).then(() => {
    button.setAttribute("data-copied", "");
    setTimeout(() => button.removeAttribute("data-copied"), 2000);
  });
});
