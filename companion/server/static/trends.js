// The history page's cards and charts: the give ratio against the goal, the scores per
// dimension, the sites. Uses $, state, percent(), drawChart(), drawRatioChart(),
// describeFilters(), DIMENSIONS and COLORS from page.js; app.js's load() calls them.
"use strict";

function renderCards(trends) {
  const totals = trends.totals;
  const recent = trends.buckets.slice(-4);
  const recentPosts = recent.reduce((sum, b) => sum + b.posts, 0);
  const recentGiven = recent.reduce((sum, b) => sum + b.labels.promotes_others, 0);
  const recentRatio = recentPosts ? recentGiven / recentPosts : null;
  $("#card-ratio").textContent = percent(recentRatio);
  const verdict = recentRatio === null ? "" : recentRatio >= trends.goal ? "at or above" : "below";
  const span = describeFilters(state.filters) ? "in these filters" : "all time";
  $("#card-ratio-sub").textContent =
    `last ${recent.length} ${trends.bucket}s, ${verdict} your goal of ${percent(trends.goal)}` +
    ` · ${span} ${percent(totals.give_ratio)}` +
    ` · ${percent(totals.known_give_ratio)} to people you know`;
  if (state.filters.label) {
    // One label only: the share of posts that lift others is 0% or 100% by construction.
    $("#card-ratio").textContent = "–";
    $("#card-ratio-sub").textContent =
      "The give ratio compares labels: clear the Label filter to see it.";
  }
  $("#card-posts").textContent = totals.posts.toLocaleString();
  $("#card-posts-sub").textContent = `${totals.promotes_others.toLocaleString()} lift others up`;
  $("#card-people").textContent = trends.network.people_30d;
  $("#card-people-sub").textContent =
    `people you know in 30 days · ${trends.network.people_90d} in 90 days`;
}

function renderCharts(trends) {
  const labels = trends.buckets.map((b) => b.start);
  $("#bucket-name").textContent = trends.bucket;
  drawRatioChart("give-chart", trends, trends.goal, [
    { label: "posts that promote others (%)", ratio: "give_ratio", color: "#2563eb" },
    { label: "credit to people you know (%)", ratio: "known_give_ratio", color: "#16a34a" },
  ]);
  drawChart("scores-chart", {
    type: "line",
    data: {
      labels,
      datasets: DIMENSIONS.map((d, i) => ({
        label: d,
        data: trends.buckets.map((b) => b.scores[d]),
        borderColor: COLORS[i],
        backgroundColor: COLORS[i],
        tension: 0.25,
        spanGaps: true,
        pointRadius: labels.length > 60 ? 0 : 3, // years of weeks: lines, not dots
      })),
    },
    options: { scales: { y: { min: 0, max: 100 } } },
  });
  drawChart("sites-chart", {
    type: "bar",
    data: {
      labels: trends.sites.map((s) => s.site),
      datasets: [
        {
          label: "promote others",
          data: trends.sites.map((s) => Math.round(s.posts * (s.give_ratio || 0))),
          backgroundColor: "#2563eb",
        },
        {
          label: "other posts",
          data: trends.sites.map((s) => s.posts - Math.round(s.posts * (s.give_ratio || 0))),
          backgroundColor: "#cbd5e1",
        },
      ],
    },
    options: {
      indexAxis: "y",
      scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } },
    },
  });
}
