// Enhancements of the shop's pages; every page works without them.
(function () {
  // The product page's buy bar shows only while the add-to-cart button is out of sight.
  var add = document.getElementById("add-button");
  var bar = document.getElementById("buybar");
  if (add && bar && "IntersectionObserver" in window) {
    new IntersectionObserver(function (entries) {
      bar.classList.toggle("away", entries[0].isIntersecting);
    }).observe(add);
  }
  // The filter sheet closes when its results arrive, as it does after a page load.
  document.addEventListener("htmx:afterRequest", function (event) {
    var config = event.detail.requestConfig;
    var trigger = config && config.triggeringEvent;
    var sheet = event.target.querySelector && event.target.querySelector("details.sheet");
    if (sheet && trigger && trigger.type === "submit") {
      sheet.open = false;
    }
  });
})();
