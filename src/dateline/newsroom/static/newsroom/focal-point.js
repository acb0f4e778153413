/* The focal-point picker of the media library: click the picture where the subject is.
   The two number fields stay the source of truth (and work without this script); the
   picker writes into them and follows them. A newly chosen file is previewed from a data:
   URL, which the Content-Security-Policy allows for images. */
(function () {
  "use strict";

  function clamp(value) {
    const number = Number.parseFloat(value);
    if (Number.isNaN(number)) return 0.5;
    return Math.min(1, Math.max(0, number));
  }

  function setUp(picker) {
    const image = picker.querySelector(".focal-picker__image");
    const marker = picker.querySelector(".focal-picker__marker");
    const inputX = document.getElementById(picker.dataset.x);
    const inputY = document.getElementById(picker.dataset.y);
    const fileInput = document.getElementById(picker.dataset.file);
    if (!image || !marker || !inputX || !inputY) return;

    function place() {
      marker.style.left = clamp(inputX.value) * 100 + "%";
      marker.style.top = clamp(inputY.value) * 100 + "%";
      marker.hidden = image.hidden;
    }

    picker.addEventListener("click", function (event) {
      if (image.hidden) return;
      const box = image.getBoundingClientRect();
      inputX.value = clamp((event.clientX - box.left) / box.width).toFixed(3);
      inputY.value = clamp((event.clientY - box.top) / box.height).toFixed(3);
      inputX.dispatchEvent(new Event("change", { bubbles: true }));
      inputY.dispatchEvent(new Event("change", { bubbles: true }));
      place();
    });
    inputX.addEventListener("input", place);
    inputY.addEventListener("input", place);

    if (fileInput) {
      fileInput.addEventListener("change", function () {
        const file = fileInput.files && fileInput.files[0];
        if (!file || !file.type.startsWith("image/") || file.type === "image/svg+xml") return;
        const reader = new FileReader();
        reader.addEventListener("load", function () {
          image.src = String(reader.result);
          image.hidden = false;
          inputX.value = "0.5";
          inputY.value = "0.5";
          place();
        });
        reader.readAsDataURL(file);
      });
    }
    place();
  }

  function start() {
    document.querySelectorAll("[data-focal-picker]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
