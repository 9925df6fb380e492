/** Chart colours come from the theme's CSS variables, so charts follow light and dark mode with the rest of the page. */
export const CHART = {
  axis: { fontSize: 12, fill: "var(--muted)" },
  grid: "var(--border)",
  tooltip: {
    contentStyle: { background: "var(--surface)", border: "1px solid var(--border)", borderRadius: 6, color: "var(--foreground)", fontSize: 12 },
    labelStyle: { color: "var(--foreground)", fontWeight: 600 },
    itemStyle: { color: "var(--foreground)" },
    cursor: { fill: "var(--surface-muted)" },
  },
  health: { healthy: "var(--success)", degraded: "var(--warning)", down: "var(--danger)", unknown: "var(--muted)" },
} as const;
