// A date field that defaults to today shows the volunteer's own day, not the server's: in Melbourne at
// 08:00 the server (on UTC) is still on yesterday. Only a field still holding the server's default is
// changed, so a day the volunteer typed, or one sent back with an error, is kept.
document.querySelectorAll("input[type=date][data-local-today]").forEach(function (input) {
  if (input.value !== input.dataset.localToday) {
    return;
  }
  var now = new Date();
  var pad = function (n) { return String(n).padStart(2, "0"); };
  input.value = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
});
