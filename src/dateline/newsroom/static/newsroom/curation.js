/* The front-page screen, enhanced: drag the rows or use the arrow buttons to reorder the top
 * stories without a page load, then "Save order" sends the positions the form already holds.
 * Without this file every button still works as a plain form submission. Its words come from
 * the newsroom's JavaScript catalog (/newsroom/jsi18n/, loaded first); without it, English. */
(function () {
  "use strict";

  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (singular, plural, count) {
    return count === 1 ? singular : plural;
  };
  var interpolate = window.interpolate || function (format, values) {
    return format.replace(/%\((\w+)\)s/g, function (match, name) { return String(values[name]); });
  };

  function init(form) {
    var body = form.querySelector("tbody");
    var status = form.querySelector(".curation-status");
    var shown = parseInt(form.dataset.shown || "5", 10);
    var dragged = null;
    var dirty = false;

    form.classList.add("curation-order--enhanced");

    function rows() {
      return Array.prototype.slice.call(body.querySelectorAll("tr.curation-row"));
    }

    function headline(row) {
      return row.querySelector(".curation-headline").textContent;
    }

    function say(text) {
      status.textContent = text;
    }

    // Where a row will be once the order is saved.
    function stateAfterSaving(place) {
      if (place <= shown) {
        var onHome = gettext("On the home page after saving, place %(place)s");
        return interpolate(onHome, { place: place }, true);
      }
      var notShown = ngettext(
        "Not shown after saving: only the first %(shown)s appear",
        "Not shown after saving: only the first %(shown)s appear",
        shown
      );
      return interpolate(notShown, { shown: shown }, true);
    }

    // Every row gets the number of its place, so the saved order is exactly what is on screen.
    function renumber() {
      rows().forEach(function (row, index) {
        var place = index + 1;
        row.querySelector(".curation-position").value = String(place);
        row.classList.toggle("curation-row--hidden", place > shown);
        row.querySelector(".curation-state").textContent = stateAfterSaving(place);
        row.querySelector('[data-direction="up"]').disabled = index === 0;
        row.querySelector('[data-direction="down"]').disabled = index === rows().length - 1;
      });
      dirty = true;
      form.classList.add("curation-order--unsaved");
    }

    function placeOf(row) {
      return rows().indexOf(row) + 1;
    }

    function sayMoved(row) {
      say(interpolate(
        gettext("“%(headline)s” is now at place %(place)s. Save order to publish it."),
        { headline: headline(row), place: placeOf(row) },
        true
      ));
    }

    body.addEventListener("click", function (event) {
      var button = event.target.closest(".curation-move");
      if (!button) {
        return;
      }
      event.preventDefault();
      var row = button.closest("tr");
      if (button.dataset.direction === "up" && row.previousElementSibling) {
        body.insertBefore(row, row.previousElementSibling);
      } else if (button.dataset.direction === "down" && row.nextElementSibling) {
        body.insertBefore(row.nextElementSibling, row);
      }
      renumber();
      // Keep the keyboard where it was; a disabled button cannot hold focus, so use its twin.
      var focus = button.disabled ? row.querySelector(".curation-move:not([disabled])") : button;
      if (focus) {
        focus.focus();
      }
      sayMoved(row);
    });

    rows().forEach(function (row) {
      row.draggable = true;
    });

    body.addEventListener("dragstart", function (event) {
      dragged = event.target.closest("tr.curation-row");
      if (!dragged) {
        return;
      }
      dragged.classList.add("curation-row--dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.dataset.story);
    });

    body.addEventListener("dragover", function (event) {
      var over = event.target.closest("tr.curation-row");
      if (!dragged || !over || over === dragged) {
        return;
      }
      event.preventDefault();
      var box = over.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      body.insertBefore(dragged, after ? over.nextSibling : over);
    });

    body.addEventListener("drop", function (event) {
      if (dragged) {
        event.preventDefault();
      }
    });

    body.addEventListener("dragend", function () {
      if (!dragged) {
        return;
      }
      dragged.classList.remove("curation-row--dragging");
      renumber();
      sayMoved(dragged);
      dragged = null;
    });

    body.addEventListener("input", function (event) {
      if (event.target.classList.contains("curation-position")) {
        dirty = true;
        form.classList.add("curation-order--unsaved");
      }
    });

    form.addEventListener("submit", function () {
      dirty = false;
    });

    window.addEventListener("beforeunload", function (event) {
      if (dirty) {
        event.preventDefault();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form.curation-order");
    if (form) {
      init(form);
    }
  });
})();
