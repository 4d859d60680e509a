/*
 * The overview: GET /api/dashboard/overview with the page's filters, drawn as tables and ECharts charts.
 * Every figure links to the records behind it (records.html). While a run is still collecting, matching or in
 * review, the page reads the overview again every REFRESH_MS.
 */
'use strict';

const REFRESH_MS = 10000;
/** One colour per series, the same on every chart (first: gross sales / the first channel). */
const COLORS = ['#1f6feb', '#e8833a', '#2da44e', '#cf222e', '#8250df', '#bf8700', '#0598bc', '#6e7781'];
const R = Recon;
const { el } = R;
const charts = {};
let refreshTimer = null;

R.header('总览');

const form = document.getElementById('filters');
const params = R.pageParams();
form.from.value = params.from || '';
form.to.value = params.to || '';
form.store.value = params.store || '';
const sourceSelect = document.getElementById('filter-source');
for (const [code, name] of Object.entries(R.SOURCES)) {
  sourceSelect.append(el('option', { value: code }, name));
}
sourceSelect.value = params.source || '';

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const filters = currentFilters();
  history.replaceState(null, '', location.pathname + R.query(filters));
  load();
});

function currentFilters() {
  return { from: form.from.value, to: form.to.value, source: form.source.value, store: form.store.value.trim() };
}

/** The records behind a figure, with the page's filters. */
function drill(extra) {
  const f = currentFilters();
  return '/dashboard/records.html' + R.query({ from: f.from, to: f.to, store: f.store, source: f.source, ...extra });
}

function chart(id) {
  if (!charts[id]) {
    charts[id] = echarts.init(document.getElementById(id));
    charts[id].setOption({ color: COLORS });
    window.addEventListener('resize', () => charts[id].resize());
  }
  return charts[id];
}

async function load() {
  const status = document.getElementById('refresh-status');
  try {
    const overview = await R.api('/api/dashboard/overview' + R.query(currentFilters()));
    if (!form.from.value) form.from.value = overview.from;
    if (!form.to.value) form.to.value = overview.to;
    renderStatus(overview);
    renderChannels(overview);
    renderTrend(overview);
    renderChannelChart(overview);
    renderPayouts(overview);
    renderAlerts(overview);
    renderRuns(overview);
    document.body.dataset.loaded = overview.generatedAt;
    const live = (overview.runs || []).some((run) => R.RUN_IN_PROGRESS.includes(run.status));
    status.className = 'status' + (live ? ' live' : '');
    status.textContent = '数据时间 ' + R.time(overview.generatedAt)
      + (live ? ' · 对账进行中，每 10 秒自动刷新' : '');
    scheduleRefresh(live);
  } catch (error) {
    status.className = 'status error';
    status.textContent = '加载失败：' + error.message;
    scheduleRefresh(true);
  }
}

function scheduleRefresh(again) {
  clearTimeout(refreshTimer);
  refreshTimer = again ? setTimeout(load, REFRESH_MS) : null;
}

/** Measures summed over the channels shown (each channel's totals from the API). */
function totalsOf(channels) {
  const sumMoney = (field) => channels.map((c) => c.totals[field]).reduce(addDecimal, '0.00');
  const sumCount = (field) => channels.reduce((n, c) => n + (c.totals[field] || 0), 0);
  const unknown = channels.some((c) => c.totals.margin === null || c.totals.margin === undefined);
  return {
    orders: sumCount('orders'), grossSales: sumMoney('grossSales'), refunds: sumMoney('refunds'),
    fees: sumMoney('fees'), netSettlement: sumMoney('netSettlement'),
    openDiscrepancies: sumCount('openDiscrepancies'), openDiscrepancyAmount: sumMoney('openDiscrepancyAmount'),
    margin: unknown ? null : sumMoney('margin')
  };
}

/** Adds two decimal strings exactly (in cents). */
function addDecimal(a, b) {
  const cents = (v) => {
    if (v === null || v === undefined) return 0n;
    const [whole, fraction = ''] = String(v).replace('-', '').split('.');
    const value = BigInt(whole || '0') * 100n + BigInt((fraction + '00').slice(0, 2));
    return String(v).startsWith('-') ? -value : value;
  };
  const total = cents(a) + cents(b);
  const abs = total < 0n ? -total : total;
  return (total < 0n ? '-' : '') + (abs / 100n).toString() + '.' + (abs % 100n).toString().padStart(2, '0');
}

function renderStatus(overview) {
  const channels = overview.channels || [];
  const alerts = overview.alerts || {};
  const total = totalsOf(channels);
  const matched = channels.length === 1 ? channels[0].totals.matchedPercent : null;
  const kpi = (name, value, id) => el('div', { class: 'kpi', id }, el('div', { class: 'value' }, value),
    el('div', { class: 'name' }, name));
  document.getElementById('status-kpis').replaceChildren(
    kpi('销售额', R.yuan(total.grossSales), 'kpi-gross'),
    kpi('净结算', R.yuan(total.netSettlement), 'kpi-net'),
    kpi(channels.length === 1 ? '匹配率' : '匹配率（见各渠道）', matched === null ? '—' : R.percent(matched), 'kpi-matched'),
    kpi('未结差异', R.count(total.openDiscrepancies) + ' 笔 / ' + R.yuan(total.openDiscrepancyAmount), 'kpi-open'),
    kpi('最久未结', R.hours(alerts.oldestOpenCaseAgeHours), 'kpi-oldest'));
}

// Fees are charged on payments and returned on refunds as well as booked as rows of their own, and the net
// settlement is made of all three: their records are the figure's records.
const SETTLEMENT_KINDS = 'PAYMENT,REFUND,FEE';

function renderChannels(overview) {
  const channels = overview.channels || [];
  const head = el('tr', {}, ['渠道', '订单数', '销售额', '退款', '手续费', '净结算', '毛利', '匹配率', '未结差异', '未结金额']
    .map((h, i) => el('th', { class: i ? 'num' : '' }, h)));
  const cell = (text, href) => el('td', { class: 'num' }, href ? el('a', { href }, text) : text);
  const row = (name, t, source, cls) => el('tr', { class: cls, 'data-source': source || '' },
    el('td', {}, name),
    cell(R.count(t.orders), drill({ source, kind: 'ORDER' })),
    cell(R.yuan(t.grossSales), drill({ source, kind: 'ORDER' })),
    cell(R.yuan(t.refunds), drill({ source, kind: 'REFUND' })),
    cell(R.yuan(t.fees), drill({ source, kind: SETTLEMENT_KINDS })),
    cell(R.yuan(t.netSettlement), drill({ source, kind: SETTLEMENT_KINDS })),
    cell(R.yuan(t.margin)),
    cell(R.percent(t.matchedPercent)),
    cell(R.count(t.openDiscrepancies), drill({ source, discrepancyCode: Object.keys(R.CODES).join(',') })),
    cell(R.yuan(t.openDiscrepancyAmount)));
  const rows = channels.map((c) => row(R.label(R.SOURCES, c.source), c.totals, c.source, 'channel'));
  if (channels.length > 1) rows.push(row('合计', { ...totalsOf(channels), matchedPercent: null }, null, 'total'));
  const target = document.getElementById('channel-table');
  target.replaceChildren(channels.length ? el('table', { id: 'channels' }, el('thead', {}, head), el('tbody', {}, rows))
    : el('p', {}, '所选范围内没有数据。'));
}

function renderTrend(overview) {
  // Sales channels: a payment provider's row has no sales of its own (unless it is all the filter left).
  const all = overview.channels || [];
  const selling = all.filter((c) => c.totals.orders > 0);
  const channels = selling.length ? selling : all;
  const dates = [...new Set(channels.flatMap((c) => c.days.map((d) => d.date)))].sort();
  chart('chart-trend').setOption({
    color: COLORS,
    tooltip: { trigger: 'axis', valueFormatter: (v) => R.yuan(v) },
    legend: { top: 0 },
    grid: { left: 80, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: dates },
    yAxis: { type: 'value', axisLabel: { formatter: (v) => '¥' + R.grouped(v, 0) } },
    series: channels.map((c) => {
      const byDate = Object.fromEntries(c.days.map((d) => [d.date, d.grossSales]));
      return { name: R.label(R.SOURCES, c.source), type: 'line', source: c.source,
        data: dates.map((d) => (byDate[d] === undefined ? null : Number(byDate[d]))) };
    })
  }, true);
  chart('chart-trend').off('click');
  chart('chart-trend').on('click', (p) => {
    location.href = drill({ source: channels[p.seriesIndex].source, date: p.name, kind: 'ORDER' });
  });
}

function renderChannelChart(overview) {
  const channels = overview.channels || [];
  const measures = [['grossSales', '销售额', 'ORDER'], ['refunds', '退款', 'REFUND'], ['fees', '手续费', SETTLEMENT_KINDS],
    ['netSettlement', '净结算', SETTLEMENT_KINDS]];
  chart('chart-channels').setOption({
    color: COLORS,
    tooltip: { trigger: 'axis', valueFormatter: (v) => R.yuan(v) },
    legend: { top: 0 },
    grid: { left: 80, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: channels.map((c) => R.label(R.SOURCES, c.source)) },
    yAxis: { type: 'value', axisLabel: { formatter: (v) => '¥' + R.grouped(v, 0) } },
    series: measures.map(([field, name]) => ({ name, type: 'bar', data: channels.map((c) => Number(c.totals[field])) }))
  }, true);
  chart('chart-channels').off('click');
  chart('chart-channels').on('click', (p) => {
    location.href = drill({ source: channels[p.dataIndex].source, kind: measures[p.seriesIndex][2] });
  });
}

function renderPayouts(overview) {
  const payouts = overview.payouts || [];
  const names = payouts.map((p) => R.label(R.SOURCES, p.provider) + ' ' + p.date.slice(5));
  chart('chart-payouts').setOption({
    color: COLORS,
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '未到账' : R.yuan(v)) },
    legend: { top: 0 },
    grid: { left: 80, right: 20, top: 40, bottom: 50 },
    xAxis: { type: 'category', data: names, axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v) => '¥' + R.grouped(v, 0) } },
    series: [
      { name: '应结', type: 'bar', data: payouts.map((p) => Number(p.expected)) },
      { name: '银行实到', type: 'bar', data: payouts.map((p) => (p.paidOut === null ? null : Number(p.paidOut))) }
    ]
  }, true);
  const rows = payouts.filter((p) => p.status !== 'PAID_OUT').map((p) => el('tr', {},
    el('td', {}, p.date), el('td', {}, R.label(R.SOURCES, p.provider)),
    el('td', { class: 'num' }, R.yuan(p.expected)),
    el('td', { class: 'num' }, p.paidOut === null ? '未到账' : R.yuan(p.paidOut)),
    el('td', {}, el('span', { class: 'badge ' + p.status }, R.label(R.PAYOUT_STATUS, p.status))),
    el('td', {}, el('a', { href: drill({ source: null, kind: 'PAYOUT', date: p.date }) }, '到账记录'))));
  document.getElementById('payout-table').replaceChildren(rows.length
    ? el('table', {}, el('thead', {}, el('tr', {}, ['日期', '支付机构', '应结', '实到', '状态', ''].map((h) => el('th', {}, h)))),
      el('tbody', {}, rows))
    : el('p', { class: 'status' }, payouts.length ? '所有结算均已足额到账。' : '所选范围内没有结算。'));
}

function renderAlerts(overview) {
  const alerts = overview.alerts || {};
  const byCode = alerts.openByCode || [];
  const missing = alerts.missingSources || [];
  const ages = alerts.openByAge || [];
  chart('chart-age').setOption({
    tooltip: { trigger: 'axis' },
    grid: { left: 50, right: 20, top: 20, bottom: 30 },
    xAxis: { type: 'category', data: ages.map((a) => a.age.replace('d', ' 天')) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: '未结差异（笔）', type: 'bar', data: ages.map((a) => a.count), itemStyle: { color: '#d9534f' } }]
  }, true);
  const parts = [];
  parts.push(el('h3', {}, '未结差异（按类型）'));
  parts.push(byCode.length ? el('table', { id: 'alerts-by-code' },
    el('thead', {}, el('tr', {}, ['差异类型', '笔数', '金额', '最早发现'].map((h, i) => el('th', { class: i && i < 3 ? 'num' : '' }, h)))),
    el('tbody', {}, byCode.map((a) => el('tr', {},
      el('td', {}, el('a', { href: drill({ discrepancyCode: a.code }) }, R.label(R.CODES, a.code))),
      el('td', { class: 'num' }, R.count(a.count)), el('td', { class: 'num' }, R.yuan(a.amount)),
      el('td', {}, R.time(a.oldestOpenedAt)))))) : el('p', { class: 'status' }, '没有未结差异。'));
  parts.push(el('h3', {}, '今日缺失的数据源'));
  parts.push(missing.length ? el('ul', { id: 'alerts-missing' }, missing.map((m) =>
    el('li', { class: 'error' }, m.date + ' 缺少 ' + R.label(R.SOURCES, m.source) + ' 的数据')))
    : el('p', { class: 'status' }, '各数据源均已到齐。'));
  document.getElementById('alerts').replaceChildren(...parts);
}

function renderRuns(overview) {
  const runs = overview.runs || [];
  const counts = (r, f) => (r.counts && r.counts[f] !== undefined ? R.count(r.counts[f]) : '—');
  document.getElementById('runs').replaceChildren(runs.length ? el('table', { id: 'runs-table' },
    el('thead', {}, el('tr', {}, ['业务日期', '状态', '记录', '已匹配', '自动处理', '差异', '未结'].map((h) => el('th', {}, h)))),
    el('tbody', {}, runs.map((r) => el('tr', { 'data-run': r.id },
      el('td', {}, r.businessDate),
      el('td', {}, el('span', { class: 'badge ' + r.status }, R.label(R.RUN_STATUS, r.status))),
      el('td', { class: 'num' }, counts(r, 'records')), el('td', { class: 'num' }, counts(r, 'matched')),
      el('td', { class: 'num' }, counts(r, 'autoResolved')), el('td', { class: 'num' }, counts(r, 'discrepancies')),
      el('td', { class: 'num' }, counts(r, 'open'))))))
    : el('p', { class: 'status' }, '所选范围内没有对账批次。'));
}

load();
