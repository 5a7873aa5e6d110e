// The campaign page's Copy button (templates/public/share.html): shown only where this script runs and the
// browser can copy, so it never does nothing. Without it the address stays in its field, to select and copy.
document.querySelectorAll("[data-copy]").forEach(function (button) {
  var field = document.getElementById(button.dataset.copy);
  var status = document.getElementById(button.dataset.status);
  if (!field || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(field.value).then(function () {
      if (status) status.textContent = button.dataset.copied;
    }, function () {
      field.select();  // refused (no permission): left selected for the visitor to copy
    });
  });
});
