/* Counts one view of the article this page shows: a POST beacon to the URL in the script
   tag's data-beacon attribute, sent once, and only when a person can see the page — never
   while the page is prerendered or opened in a background tab. No beacon, no count. */
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.getAttribute("data-beacon");
  if (!url || !navigator.sendBeacon) {
    return;
  }
  var sent = false;

  function send() {
    if (sent || document.prerendering || document.visibilityState !== "visible") {
      return;
    }
    sent = true;
    document.removeEventListener("visibilitychange", send);
    document.removeEventListener("prerenderingchange", send);
    navigator.sendBeacon(url);
  }

  document.addEventListener("visibilitychange", send);
  document.addEventListener("prerenderingchange", send);
  send();
})();
