// The scan page's offer to share an approximate location (2 decimals, about 1 km).
// A separate file, because the Content Security Policy allows no inline script.
(function () {
  "use strict";
  var box = document.getElementById("share-location");
  if (!box || !("geolocation" in navigator)) { return; }
  box.hidden = false;
  document.getElementById("share").addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (position) {
      var form = new FormData();
      form.append("latitude", position.coords.latitude.toFixed(2));
      form.append("longitude", position.coords.longitude.toFixed(2));
      fetch(box.dataset.url, { method: "POST", body: form });
      box.hidden = true;
    });
  });
})();
