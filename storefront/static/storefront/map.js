// The tourism map: markers from the page's data; the list below works without it.
(function () {
  "use strict";
  var box = document.getElementById("map");
  if (!box || !window.L) { return; }
  var points = JSON.parse(box.dataset.points || "[]");
  if (!points.length) { box.hidden = true; return; }
  L.Icon.Default.imagePath = box.dataset.icons;
  var map = L.map(box, { scrollWheelZoom: false });
  L.tileLayer(box.dataset.tiles, {
    maxZoom: 18,
    attribution: "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a>"
  }).addTo(map);
  var bounds = [];
  points.forEach(function (point) {
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    L.marker([point.lat, point.lon], { title: point.name, alt: point.name })
      .addTo(map).bindPopup(link);
    bounds.push([point.lat, point.lon]);
  });
  map.fitBounds(bounds, { padding: [30, 30], maxZoom: 14 });
})();
