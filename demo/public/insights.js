// Insights: renders the summary, then the chart render crashes (uncaught TypeError)
// and the forecast request rejects without a handler (unhandled promise rejection).
// Both failures are deliberate: the demo product needs a page with real JS errors.
(function () {
  'use strict';

  const report = {
    summary: { peakDay: 'Saturday', peakShare: 0.27 },
    // The API "forgot" the weekly series, so series.weekly is undefined.
    series: {},
  };

  function renderSummary() {
    document.getElementById('peak-day').textContent = report.summary.peakDay;
    document.getElementById('peak-day-meta').textContent =
      `${Math.round(report.summary.peakShare * 100)}% of weekly revenue`;
  }

  function renderChart(series) {
    const container = document.getElementById('revenue-chart');
    const points = series.weekly.points; // TypeError: Cannot read properties of undefined (reading 'points')
    container.removeAttribute('aria-busy');
    container.textContent = `${points.length} weeks`;
  }

  async function loadForecast() {
    await new Promise((resolve) => setTimeout(resolve, 50));
    throw new Error('Forecast model is not ready for this account');
  }

  renderSummary();

  window.addEventListener('load', () => {
    setTimeout(() => renderChart(report.series), 200);
    setTimeout(() => {
      loadForecast().then((forecast) => {
        document.getElementById('forecast').textContent = forecast;
      });
    }, 300);
  });
})();
