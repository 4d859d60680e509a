/*
 * The records behind a figure (GET /api/reports/records with the figure's filters) or found by the search box
 * (GET /api/search: an order no., payment serial or refund no., or a time range). Each row says where the record
 * came from (file and line) and leads to its order's story.
 */
'use strict';

const R = Recon;
const { el } = R;
const PAGE_SIZE = 50;
const FILTER_NAMES = {
  from: '开始日期', to: '结束日期', date: '日期', source: '渠道', store: '门店', kind: '类型', paymentMethod: '支付方式',
  category: '品类', status: '状态', discrepancyCode: '差异类型', hourFrom: '起始小时', hourTo: '截止小时',
  minAmount: '最小金额', maxAmount: '最大金额', timeFrom: '开始时间', timeTo: '结束时间', settled: '已结算'
};

const params = R.pageParams();
const page = Number(params.page || 0);
R.header(params.q ? '搜索' : params.mode === 'time' || params.timeFrom ? '按时间查找' : '明细');

const target = document.getElementById('records');
const title = document.getElementById('records-title');

function describe(filters) {
  return Object.entries(filters)
    .filter(([name, value]) => FILTER_NAMES[name] && value !== '')
    .map(([name, value]) => FILTER_NAMES[name] + '：' + (name === 'source' ? value.split(',').map((s) => R.label(R.SOURCES, s)).join('、')
      : name === 'kind' ? R.label(R.KINDS, value)
      : name === 'discrepancyCode' ? value.split(',').map((c) => R.label(R.CODES, c)).join('、') : value))
    .join('；');
}

/** A datetime-local value (business zone, no offset) as an instant with the zone's offset (from /dashboard/me). */
function withOffset(local, offset) {
  if (!local) return '';
  const withSeconds = local.length === 16 ? local + ':00' : local;
  return withSeconds + (offset === 'Z' ? '+00:00' : offset);
}

function setUpTimeForm() {
  document.getElementById('time-search').hidden = false;
  const form = document.getElementById('time-form');
  const select = document.getElementById('time-source');
  for (const [code, name] of Object.entries(R.SOURCES)) select.append(el('option', { value: code }, name));
  form.timeFrom.value = (params.timeFrom || '').slice(0, 19);
  form.timeTo.value = (params.timeTo || '').slice(0, 19);
  select.value = params.source || '';
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const me = await R.api('/dashboard/me');
    location.href = location.pathname + R.query({ mode: 'time', timeFrom: withOffset(form.timeFrom.value, me.offset),
      timeTo: withOffset(form.timeTo.value, me.offset), source: select.value });
  });
}

function table(rows) {
  const head = ['时间', '类型', '渠道', '订单号', '支付流水号', '退款单号', '金额', '门店', '支付方式', '状态', '来源（文件、行）'];
  return el('table', { id: 'records-table' },
    el('thead', {}, el('tr', {}, head.map((h) => el('th', { class: h === '金额' ? 'num' : '' }, h)))),
    el('tbody', {}, rows.map((r) => el('tr', { 'data-id': r.id, class: 'record-row' },
      el('td', {}, R.time(r.occurredAt) !== '—' ? R.time(r.occurredAt) : r.businessDate),
      el('td', {}, R.label(R.KINDS, r.kind)),
      el('td', {}, R.label(R.SOURCES, r.source)),
      el('td', {}, R.storyLink(r)),
      el('td', {}, r.txnId ? el('a', { href: '/dashboard/order.html' + R.query({ txnId: r.txnId }) }, r.txnId) : '—'),
      el('td', {}, r.refundNo || '—'),
      el('td', { class: 'num' }, R.yuan(r.amount)),
      el('td', {}, r.store || '—'),
      el('td', {}, r.paymentMethod || '—'),
      el('td', {}, r.status || '—'),
      el('td', {}, R.origin(r.fileName, r.lineNo))))));
}

function pager(total, size) {
  const go = (p) => location.pathname + R.query({ ...params, page: p });
  const pages = total === null || total === undefined ? null : Math.max(1, Math.ceil(total / size));
  return el('div', { class: 'pager' },
    page > 0 ? el('a', { href: go(page - 1), id: 'page-prev' }, '上一页') : null,
    el('span', {}, '第 ' + (page + 1) + (pages ? ' / ' + pages : '') + ' 页'
      + (total === null || total === undefined ? '' : '，共 ' + R.count(total) + ' 条')),
    pages === null || page + 1 < pages ? el('a', { href: go(page + 1), id: 'page-next' }, '下一页') : null);
}

async function load() {
  let path;
  if (params.q) {
    title.textContent = '搜索：' + params.q;
    path = '/api/search' + R.query({ q: params.q });
  } else if (params.mode === 'time' || params.timeFrom || params.timeTo) {
    setUpTimeForm();
    title.textContent = '按时间查找';
    if (!params.timeFrom || !params.timeTo) {
      target.replaceChildren(el('p', { class: 'status' }, '请选择时间范围（业务时区）。'));
      return;
    }
    path = '/api/search' + R.query({ timeFrom: params.timeFrom, timeTo: params.timeTo, source: params.source,
      page, size: PAGE_SIZE });
  } else {
    title.textContent = '明细记录';
    const { page: ignored, ...filters } = params;
    document.getElementById('records-filters').textContent = describe(filters);
    path = '/api/reports/records' + R.query({ ...filters, page, size: PAGE_SIZE });
  }
  try {
    const answer = await R.api(path);
    const rows = answer.rows || [];
    target.replaceChildren(rows.length ? table(rows) : el('p', {}, '没有找到记录。'),
      params.q ? null : pager(answer.total, answer.size || PAGE_SIZE));
    if (params.q && rows.length === 1 && (rows[0].orderNo || rows[0].txnId)) {
      target.append(el('p', {}, '→ ', R.storyLink(rows[0]), ' 的完整经过'));
    }
    document.body.dataset.loaded = String(rows.length);
  } catch (error) {
    R.showError(target, error);
  }
}

load();
