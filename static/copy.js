/* Copy buttons, as progressive enhancement. A <button data-copy="ID" hidden> copies the text of
   the element with that id. Without JavaScript the buttons stay hidden and the text stays
   selectable; with it, each button appears, copies, and announces its data-copied text in the
   #copy-status live region. If the clipboard is refused, the text is selected instead so the
   user can copy it with the keyboard. No inline script: the CSP is script-src 'self'. */
(function () {
  "use strict";

  var status = document.getElementById("copy-status");

  function announce(text) {
    if (!status) return;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function select(target) {
    var range = document.createRange();
    range.selectNodeContents(target);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function legacyCopy(target) {
    select(target);
    try {
      return document.execCommand("copy");
    } catch (e) {
      return false;
    }
  }

  var buttons = document.querySelectorAll("button[data-copy]");
  Array.prototype.forEach.call(buttons, function (button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = (target.innerText || target.textContent || "").trim();
      var done = function () { announce(button.getAttribute("data-copied") || ""); };
      var fallback = function () {
        if (legacyCopy(target)) {
          done();
        } else {
          select(target);
        }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, fallback);
      } else {
        fallback();
      }
    });
  });
})();
