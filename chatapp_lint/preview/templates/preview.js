"use strict";
// Media that cannot be loaded (offline, or a bad URL) leaves its labelled placeholder.
document.addEventListener("error", function (event) {
  var target = event.target;
  if (target instanceof HTMLImageElement && target.classList.contains("media")) {
    target.classList.add("failed");
  }
}, true);
// The index's filters: hide the templates that do not match, and emptied groups.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("filters");
  if (!form) { return; }
  function apply() {
    var wanted = {
      channel: form.elements.channel.value,
      category: form.elements.category.value,
      language: form.elements.language.value
    };
    var errorsOnly = form.elements.errors.checked;
    document.querySelectorAll("section.group").forEach(function (group) {
      var shown = 0;
      group.querySelectorAll("article.template").forEach(function (article) {
        var match = Object.keys(wanted).every(function (key) {
          return !wanted[key] || article.dataset[key] === wanted[key];
        }) && (!errorsOnly || article.dataset.errors !== "0");
        article.hidden = !match;
        if (match) { shown += 1; }
      });
      group.hidden = shown === 0;
    });
  }
  form.addEventListener("change", apply);
  apply();
});
