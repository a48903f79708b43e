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

  // A service's message as a sentence: a capital, a full stop (as the pages show it).
  function sentence(text) {
    var t = String(text || "").trim();
    if (!t) {
      return "";
    }
    t = t.charAt(0).toUpperCase() + t.slice(1);
    return /[.!?]$/.test(t) ? t : t + ".";
  }

  // Content uploads: the chosen file goes as the raw body to the site API's upload route (what it takes), with a
  // progress bar; the result is said in words and the lists are re-read. Without this script the form posts the
  // file to the page's own upload route.
  function upload(form, event) {
    var file = form.querySelector("input[type=file]");
    if (!file || !file.files || file.files.length !== 1 || !window.XMLHttpRequest) {
      return;
    }
    event.preventDefault();
    var what = form.getAttribute("data-what") || "File";
    var bar = form.querySelector("progress");
    var status = form.querySelector(".upload-status");
    var button = form.querySelector("button[type=submit]");
    // the session's CSRF token, which every page's logout form carries
    var csrf = document.querySelector("form.logout input[name=csrf]");
    var url = form.getAttribute("data-api");
    var xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    if (csrf) {
      xhr.setRequestHeader("X-CSRF-Token", csrf.value);
    }
    bar.value = 0;
    bar.hidden = false;
    if (bar.labels && bar.labels[0]) {
      bar.labels[0].hidden = false;
    }
    button.disabled = true;
    status.className = "upload-status";
    status.textContent = "Uploading " + file.files[0].name + "…";
    xhr.upload.onprogress = function (progress) {
      if (progress.lengthComputable) {
        bar.value = Math.round(100 * progress.loaded / progress.total);
        if (progress.loaded === progress.total) {
          status.textContent = "Checking the signature…";
        }
      }
    };
    xhr.onload = function () {
      var answer = {};
      try {
        answer = JSON.parse(xhr.responseText);
      } catch (notJson) {
        answer = {};
      }
      button.disabled = false;
      if (xhr.status >= 200 && xhr.status < 300) {
        bar.value = 100;
        status.className = "upload-status message ok";
        status.textContent = what + " " + answer.name + " was verified and kept: signed by " + (answer.signer || "nobody")
          + ", digest " + (answer.id || answer.digest) + ".";
        form.reset();
        if (window.htmx) {
          window.htmx.ajax("GET", "/ui/fragments/content", { target: "#content-lists", swap: "outerHTML" });
        }
      } else if (xhr.status === 401) {
        window.location.assign("/login?next=" + encodeURIComponent("/content"));
      } else {
        bar.hidden = true;
        status.className = "upload-status message bad";
        status.textContent = "Refused: " + sentence(answer.message || ("the site answered " + xhr.status));
      }
    };
    xhr.onerror = function () {
      button.disabled = false;
      bar.hidden = true;
      status.className = "upload-status message bad";
      status.textContent = "The upload did not reach the site controller: check the connection and try again.";
    };
    xhr.send(file.files[0]);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form && form.matches && form.matches("form.upload[data-api]")) {
      upload(form, event);
    }
  });

  // A link token's countdown to its expiry (without this script the page shows the expiry time as text).
  function countdown(element) {
    var expires = Date.parse(element.getAttribute("data-expires"));
    if (isNaN(expires)) {
      return;
    }
    element.hidden = false;
    function tick() {
      var left = Math.max(0, Math.round((expires - Date.now()) / 1000));
      if (left === 0) {
        element.textContent = "This link token has expired: make a new one.";
        element.className = "countdown message bad";
        clearInterval(timer);
        return;
      }
      var seconds = left % 60;
      element.textContent = "Expires in " + Math.floor(left / 60) + ":" + (seconds < 10 ? "0" : "") + seconds + ".";
    }
    var timer = setInterval(tick, 1000);
    tick();
  }

  // A copy button for a text (the link token's).
  function copyButton(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var said = document.getElementById("link-copied");
      function done() {
        if (said) {
          said.textContent = "Copied.";
        }
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(source.value).then(done, function () {
          source.select();
        });
      } else {
        source.select();
        if (document.execCommand("copy")) {
          done();
        }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var timers = document.querySelectorAll("[data-expires]");
    for (var i = 0; i < timers.length; i++) {
      countdown(timers[i]);
    }
    var copies = document.querySelectorAll("button[data-copy]");
    for (var j = 0; j < copies.length; j++) {
      copyButton(copies[j]);
    }
  });
})();
