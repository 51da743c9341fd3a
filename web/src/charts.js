// ECharts, with only the chart kinds the dashboard draws (keeps the bundle small).
import * as echarts from 'echarts/core';
import { BarChart, LineChart, HeatmapChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, DataZoomComponent,
  MarkLineComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart, LineChart, HeatmapChart, ScatterChart, GridComponent, TooltipComponent,
  LegendComponent, VisualMapComponent, DataZoomComponent, MarkLineComponent, CanvasRenderer,
]);

export const PALETTE = ['#2f6fdb', '#1f9d6a', '#e28a1d', '#d0473b', '#7b58c9', '#1aa3b5', '#8a6d3b', '#c2478f'];

const live = new Set();

// Draws `option` into `el` (a .chart div); `onClick(params)` handles clicks on data.
export function chart(el, option, onClick) {
  const c = echarts.init(el, null, { renderer: 'canvas' });
  c.setOption({ color: PALETTE, animation: false, textStyle: { fontFamily: 'inherit' }, ...option });
  if (onClick) c.on('click', onClick);
  el.dataset.drills = onClick ? 'true' : 'false';
  live.add(c);
  return c;
}

// The charts on the page, for the browser tests' click audit (they click points through the
// chart API: instance.trigger('click', params)).
if (typeof window !== 'undefined') window.flywheelCharts = () => [...live].map((c) => ({ el: c.getDom(), chart: c }));

export function disposeAll() {
  for (const c of live) c.dispose();
  live.clear();
}

window.addEventListener('resize', () => {
  for (const c of live) c.resize();
});

export const axisTime = (periods) => ({ type: 'category', data: periods, axisTick: { alignWithLabel: true } });

// The chart drawn in `el` as a PNG data: URL (twice the screen's pixels, white background),
// or null when none is drawn there.
export function chartImage(el) {
  const c = echarts.getInstanceByDom(el);
  return c ? c.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' }) : null;
}
