/*
 * One order's (or payment's) story, from GET /api/records: every record with the file and line it came from,
 * what it was matched with and by which rule, the discrepancies raised on it, what people decided, and, for a
 * discrepancy still open, a link to its task in Tasklist.
 */
'use strict';

const R = Recon;
const { el } = R;
const params = R.pageParams();
R.header('订单经过');

const target = document.getElementById('story');
const title = document.getElementById('story-title');

function field(name, value) {
  return el('span', { class: 'field' }, el('b', {}, name + '：'), value === null || value === undefined ? '—' : value, '　');
}

function recordCard(record, byId) {
  const other = (id) => {
    const r = byId[id];
    return r ? R.label(R.SOURCES, r.source) + ' ' + R.label(R.KINDS, r.kind) + ' ' + (r.txnId || r.orderNo || '#' + id)
      + ' ' + R.yuan(r.amount) : '记录 #' + id;
  };
  return el('div', { class: 'record', id: 'record-' + record.id, 'data-kind': record.kind },
    el('h3', {}, R.label(R.SOURCES, record.source) + ' · ' + R.label(R.KINDS, record.kind) + ' · ' + R.yuan(record.amount)),
    el('div', {},
      field('订单号', record.orderNo), field('支付流水号', record.txnId), field('退款单号', record.refundNo),
      field('手续费', record.fee === null ? null : R.yuan(record.fee)), field('状态', record.status),
      field('时间', R.time(record.occurredAt)), field('业务日期', record.businessDate)),
    el('div', {}, el('b', {}, '来源：'), R.origin(record.fileName, record.lineNo),
      '（导入 #' + record.importId + '，格式 ' + record.format + '）'),
    record.rawLine ? el('pre', { class: 'raw' }, (record.fileColumns ? record.fileColumns + '\n' : '')
      + 'line ' + record.lineNo + ': ' + record.rawLine) : null,
    record.matches.length ? el('div', {}, el('b', {}, '匹配：'), el('ul', {}, record.matches.map((m) => el('li', {},
      R.label(R.MATCH_KINDS, m.kind) + ' 与 ' + other(m.counterpartRecordId) + '（规则 ' + m.ruleId + '，版本 ' + m.rulesVersion
      + '，依据 ' + (m.basis || '—') + (m.tolerance ? '，容差 ' + R.yuan(m.tolerance) : '') + '，批次 #' + m.runId + '）'
      + (m.superseded ? ' — ' + R.time(m.superseded) + ' 重新匹配后失效' : ''))))) : el('div', { class: 'status' }, '尚无匹配。'),
    record.discrepancies.length ? el('div', {}, el('b', {}, '差异：'), el('ul', {}, record.discrepancies.map((d) =>
      el('li', { class: 'discrepancy', 'data-discrepancy': d.id },
        el('span', { class: 'badge ' + d.status }, R.label(R.DISCREPANCY_STATUS, d.status)), ' ',
        R.label(R.CODES, d.type) + '：应为 ' + R.yuan(d.expected) + '，实为 ' + R.yuan(d.actual) + '，差额 ' + R.yuan(d.difference)
        + '（规则 ' + d.ruleId + '，批次 #' + d.runId + '）',
        d.decision ? el('div', {}, '决定：' + d.decision + (d.comment ? '，“' + d.comment + '”' : '') + ' — '
          + (d.decidedBy || '') + ' ' + R.time(d.decidedAt)) : null,
        d.taskId ? el('div', {}, el('a', { class: 'task-link', href: R.tasklistTask(d.taskId), target: '_blank',
          rel: 'noopener' }, '在 Tasklist 中处理此差异')) : null)))) : null,
    record.proposals.length ? el('div', {}, el('b', {}, '建议配对：'), el('ul', {}, record.proposals.map((p) => el('li', {},
      '与 ' + other(p.counterpartRecordId) + '，置信度 ' + p.confidence + '，' + p.status
      + (p.decidedBy ? '（' + p.decidedBy + (p.comment ? '：' + p.comment : '') + '）' : ''))))) : null,
    record.pending ? el('div', { class: 'status' }, '自 ' + record.pending.since + ' 起等待后续日期的数据'
      + (record.pending.resolvedByRunId ? '，已在批次 #' + record.pending.resolvedByRunId + ' 中了结' : '')) : null);
}

async function load() {
  const key = params.orderNo ? { orderNo: params.orderNo } : params.txnId ? { txnId: params.txnId } : null;
  if (!key) {
    target.replaceChildren(el('p', {}, '请用搜索框输入订单号或支付流水号。'));
    return;
  }
  title.textContent = (key.orderNo ? '订单 ' + key.orderNo : '支付 ' + key.txnId) + ' 的经过';
  try {
    const trace = await R.api('/api/records' + R.query(key));
    const records = trace.records || [];
    const byId = Object.fromEntries(records.map((r) => [r.id, r]));
    target.replaceChildren(records.length ? el('div', {}, records.map((r) => recordCard(r, byId)))
      : el('p', {}, '没有找到这笔' + (key.orderNo ? '订单' : '支付') + '的记录。'));
    document.body.dataset.loaded = String(records.length);
  } catch (error) {
    R.showError(target, error);
  }
}

load();
