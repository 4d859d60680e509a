/*
 * What the dashboard's pages share: Chinese labels, money as finance reads it (¥ with thousands separators,
 * computed on the API's decimal strings, never through floating point), reading the API with the logged-in
 * session, and the header with the search box.
 */
'use strict';

const Recon = (() => {
  const SOURCES = {
    tmall: '天猫', jd: '京东', douyin: '抖音', miniprogram: '小程序', pos: '门店 POS', erp: 'ERP',
    alipay: '支付宝', wechatpay: '微信支付', card: '银行卡收单', bank: '银行'
  };
  const KINDS = { ORDER: '订单', PAYMENT: '支付', REFUND: '退款', FEE: '手续费', PAYOUT: '结算到账' };
  const CODES = {
    MISSING_PAYMENT: '缺少支付', MISSING_ORDER: '缺少订单', AMOUNT_MISMATCH: '金额不符',
    DUPLICATE_PAYMENT: '重复支付', REFUND_MISSING: '缺少退款', REFUND_UNEXPECTED: '意外退款',
    REFUND_AMOUNT_MISMATCH: '退款金额不符', FEE_MISMATCH: '手续费不符', PAYOUT_MISMATCH: '结算金额不符',
    STATUS_CONFLICT: '状态冲突', STOCK_MISMATCH: '库存不符'
  };
  const RUN_STATUS = {
    COLLECTING: '等待数据', MATCHING: '匹配中', IN_REVIEW: '审核中', ARCHIVED: '已归档', FAILED: '失败'
  };
  const PAYOUT_STATUS = { PAID_OUT: '已到账', MISMATCH: '金额不符', PENDING: '待到账' };
  const DISCREPANCY_STATUS = { OPEN: '待处理', RESOLVED: '已处理', AUTO_RESOLVED: '自动处理', SUPERSEDED: '已失效' };
  const MATCH_KINDS = {
    ONE_TO_ONE: '一对一', SPLIT: '拆分支付', MERGED: '合并支付', ROUNDING: '舍入差', TIMING: '跨日', MANUAL: '人工匹配'
  };
  /** Runs still moving: the dashboard refreshes itself while one is. */
  const RUN_IN_PROGRESS = ['COLLECTING', 'MATCHING', 'IN_REVIEW'];

  // A list of codes (a filter of several kinds) reads as its labels.
  const label = (table, code) => (code == null ? '—'
    : String(code).split(',').map((c) => table[c] || c).join('、'));

  /** "1234567.5" → "1,234,567.50"; works on the decimal string itself. */
  function grouped(value, decimals) {
    let text = String(value).trim();
    const negative = text.startsWith('-');
    if (negative || text.startsWith('+')) text = text.slice(1);
    let [whole, fraction = ''] = text.split('.');
    whole = whole.replace(/^0+(?=\d)/, '') || '0';
    fraction = (fraction + '0'.repeat(decimals)).slice(0, decimals);
    const withCommas = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    const isZero = /^0*$/.test(whole + fraction);
    return (negative && !isZero ? '-' : '') + withCommas + (decimals > 0 ? '.' + fraction : '');
  }

  /** Money as finance reads it: ¥1,234.50; an unknown figure (null) as 未知. */
  function yuan(value) {
    if (value === null || value === undefined || value === '') return '未知';
    const text = grouped(value, 2);
    return text.startsWith('-') ? '-¥' + text.slice(1) : '¥' + text;
  }

  function count(value) {
    return value === null || value === undefined ? '—' : grouped(value, 0);
  }

  function percent(value) {
    return value === null || value === undefined ? '—' : grouped(value, 2) + '%';
  }

  /** A time with offset as the business zone shows it: 2028-04-02 14:03:05 (the offset is the zone's). */
  function time(value) {
    if (!value) return '—';
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(value);
    return m ? m[1] + ' ' + m[2] : value;
  }

  function hours(h) {
    if (h === null || h === undefined) return '—';
    return h >= 48 ? Math.floor(h / 24) + ' 天 ' + (h % 24) + ' 小时' : h + ' 小时';
  }

  /** A DOM element; children are nodes or text (never parsed as HTML). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'class') node.className = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function query(params) {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      if (value !== null && value !== undefined && value !== '') search.set(name, value);
    }
    const text = search.toString();
    return text ? '?' + text : '';
  }

  const pageParams = () => Object.fromEntries(new URLSearchParams(location.search));

  /** GET from ReconFlow's API with the session; a lost session goes back to the login. */
  async function api(path) {
    const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (response.status === 401) {
      location.href = '/login?next=' + encodeURIComponent(location.pathname + location.search);
      throw new Error('未登录');
    }
    if (!response.ok) {
      let reason = response.status + ' ' + response.statusText;
      try {
        const body = await response.json();
        reason += body.message ? '：' + body.message : body.error ? '：' + body.error : '';
      } catch (ignored) { /* not JSON */ }
      throw new Error(reason);
    }
    return response.json();
  }

  /** The header every page has: title, navigation, the search box and the logout. */
  function header(title) {
    const q = pageParams().q || '';
    const bar = el('header', { class: 'top' },
      el('a', { class: 'brand', href: '/dashboard/' }, 'ReconFlow 对账看板'),
      el('span', { class: 'title' }, title),
      el('form', { class: 'search', action: '/dashboard/records.html', method: 'get', role: 'search' },
        el('input', { type: 'search', name: 'q', value: q, id: 'search-q', 'aria-label': '搜索',
          placeholder: '订单号 / 支付流水号 / 退款单号' }),
        el('button', { type: 'submit', id: 'search-go' }, '搜索')),
      el('a', { class: 'link', href: '/dashboard/records.html?mode=time' }, '按时间查找'),
      el('a', { class: 'link', href: '/camunda/app/tasklist/' }, 'Tasklist'),
      el('form', { class: 'logout', action: '/logout', method: 'post' },
        el('button', { type: 'submit', id: 'logout' }, '退出登录')));
    document.body.prepend(bar);
  }

  function showError(target, error) {
    target.replaceChildren(el('p', { class: 'error' }, '加载失败：' + error.message));
  }

  /** Where a record came from, as the story and the lists show it: file and line. */
  function origin(fileName, lineNo) {
    return el('span', { class: 'origin', 'data-file': fileName, 'data-line': lineNo },
      fileName || '—', lineNo ? ' 第 ' + lineNo + ' 行' : '');
  }

  function storyLink(row) {
    if (row.orderNo) return el('a', { class: 'story', href: '/dashboard/order.html' + query({ orderNo: row.orderNo }) }, row.orderNo);
    if (row.txnId) return el('a', { class: 'story', href: '/dashboard/order.html' + query({ txnId: row.txnId }) }, '—');
    return '—';
  }

  const tasklistTask = (taskId) => '/camunda/app/tasklist/default/#/?task=' + encodeURIComponent(taskId);

  return {
    SOURCES, KINDS, CODES, RUN_STATUS, PAYOUT_STATUS, DISCREPANCY_STATUS, MATCH_KINDS, RUN_IN_PROGRESS,
    label, grouped, yuan, count, percent, time, hours, el, query, pageParams, api, header, showError, origin,
    storyLink, tasklistTask
  };
})();
