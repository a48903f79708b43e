// The Local UI's one script (the CSP allows no inline script). htmx does the rest.
(function () {
  "use strict";

  function banner() {
    return document.getElementById("unreachable");
  }

  // A request that got no answer at all: the controller is down or the network is gone.
  document.addEventListener("htmx:sendError", function () {
    var shown = banner();
    if (shown) {
      shown.hidden = false;
    }
  });

  // Any answer means the controller is there again.
  document.addEventListener("htmx:afterRequest", function (event) {
    var shown = banner();
    if (shown && event.detail && event.detail.xhr && event.detail.xhr.status > 0) {
      shown.hidden = true;
    }
  });
})();
