// Adds an internal note without leaving the article screen, so nothing typed in the story is
// lost. Without JavaScript the note form posts normally and the page reloads. Its words come
// from the newsroom's JavaScript catalog (/newsroom/jsi18n/, loaded first); without it, English.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("article-note-form");
  const list = document.querySelector(".note-list");
  const text = document.getElementById("id_note_text");
  const error = document.querySelector(".note-error");
  if (!form || !list || !text) {
    return;
  }
  const gettext = window.gettext ?? ((message) => message);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    let response;
    try {
      response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "X-Requested-With": "fetch" },
        credentials: "same-origin",
      });
    } catch {
      form.submit();
      return;
    }
    if (response.redirected) {
      // Signed out meanwhile: let the browser show where the server sends us.
      window.location.assign(response.url);
      return;
    }
    const body = await response.text();
    if (!response.ok) {
      error.textContent = body || gettext("The note was not added; try again.");
      error.hidden = false;
      return;
    }
    error.hidden = true;
    list.querySelector(".note-list__empty")?.remove();
    list.insertAdjacentHTML("beforeend", body);
    text.value = "";
  });
});
