// 办件统计's one chart: requests received per month, from the page's JSON data block.
// The table beside it carries the same numbers, so the page works without this script.
(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var canvas = document.getElementById("stats-chart");
  if (!window.Chart || !canvas) return;
  new Chart(canvas, {
    type: "bar",
    data: { labels: data.labels, datasets: [{ label: data.label, data: data.values, backgroundColor: "#b4232a" }] },
    options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } } }
  });
})();
