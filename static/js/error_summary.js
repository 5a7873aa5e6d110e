// A form sent back refused: its error summary (templates/macros/forms.html) takes the focus, so a
// screen reader reads the problems first and the keyboard starts from them. Without this script the
// summary still heads the form and its links still lead to the fields.
(function () {
  var summary = document.querySelector(".error-summary");
  if (!summary || summary.dataset.ready) {
    return;  // no problem on this page, or the script came twice (two forms in error)
  }
  summary.dataset.ready = "yes";
  summary.focus();
  // A link to a group of choices (a fieldset) focuses its first choice, as a link to a field does.
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target || target.matches("input, select, textarea, button")) {
      return;
    }
    var first = target.querySelector("input:not([type=hidden]), select, textarea");
    if (first) {
      event.preventDefault();
      target.scrollIntoView();
      first.focus({ preventScroll: true });
    }
  });
})();
