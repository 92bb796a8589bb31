// Collects script errors, failed promises, console errors and blocked requests into
// #page-errors, so that a reader (and the rendering test) sees them on the page.
(function () {
  "use strict";
  var messages = [];
  function record(message) {
    messages.push(String(message));
    var box = document.getElementById("page-errors");
    if (box) {
      box.textContent = messages.join("\n");
      box.hidden = false;
    }
    document.documentElement.setAttribute("data-errors", String(messages.length));
  }
  window.surgeplanRecordError = record;
  window.addEventListener("error", function (event) {
    record("error: " + (event.message || (event.target && event.target.src) || event));
  }, true);
  window.addEventListener("unhandledrejection", function (event) {
    record("unhandled rejection: " + (event.reason && event.reason.message || event.reason));
  });
  document.addEventListener("securitypolicyviolation", function (event) {
    record("blocked by the page's security policy: " + event.blockedURI);
  });
  var consoleError = console.error;
  console.error = function () {
    record("console.error: " + Array.prototype.join.call(arguments, " "));
    return consoleError.apply(console, arguments);
  };
})();
