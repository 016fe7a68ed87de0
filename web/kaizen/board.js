// The kaizen board: cards move by keyboard (the move buttons, or arrow keys on a
// focused card) and by drag and drop, without reloading the page; a live region says
// where the card went. Without JavaScript the same buttons are ordinary forms. The
// board polls itself through htmx (hx-get every 10 s, 204 while unchanged).

function boardEl() { return document.getElementById('kaizen-board'); }

function csrf() {
  const input = document.querySelector('#kaizen-board input[name="_csrf"]');
  return input ? input.value : '';
}

function announce(text) {
  const live = document.getElementById('kaizen-live');
  if (!live || !text) return;
  live.textContent = '';
  // A fresh text node, so screen readers speak a repeated message again.
  window.setTimeout(() => { live.textContent = text; }, 50);
}

// Replaces the board with `html` and puts focus back where it was: the same button
// of the moved card when it still exists, else the card.
function replaceBoard(html, cardId, direction) {
  const old = boardEl();
  if (!old) return;
  const holder = document.createElement('div');
  holder.innerHTML = html.trim();
  const fresh = holder.firstElementChild;
  if (!fresh) return;
  old.replaceWith(fresh);
  if (window.htmx) window.htmx.process(fresh);
  const card = cardId ? document.getElementById(`card-${cardId}`) : null;
  if (card) {
    const same = direction ? card.querySelector(`button[value="${direction}"]`) : null;
    (same || card).focus();
  }
  announce(fresh.dataset.announce);
}

async function move(card, fields, direction) {
  const body = new URLSearchParams({ _csrf: csrf(), version: card.dataset.version, ...fields });
  const response = await fetch(card.dataset.moveUrl, {
    method: 'POST',
    headers: { 'HX-Request': 'true', 'X-CSRF-Token': csrf() },
    body,
  });
  if (response.status === 204) return;  // at the edge already
  if (response.ok || response.status === 409) {
    replaceBoard(await response.text(), card.dataset.card, direction);
  } else {
    window.location.reload();
  }
}

const KEYS = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
let dragging = null;

function setup() {
  // Buttons: one listener on the document survives board swaps.
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!form.classList || !form.classList.contains('kaizen-move')) return;
    const button = event.submitter;
    if (!button || !button.value) return;
    event.preventDefault();
    move(form.closest('.kaizen-card'), { direction: button.value }, button.value);
  });
  // Arrow keys on a focused card.
  document.addEventListener('keydown', (event) => {
    const card = event.target;
    if (!card.classList || !card.classList.contains('kaizen-card') || !card.draggable) return;
    const direction = KEYS[event.key];
    if (!direction || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    move(card, { direction }).then(() => {
      const again = document.getElementById(card.id);
      if (again) again.focus();
    });
  });
  // Drag and drop: the drop position is the index of the card dropped on (or the end).
  document.addEventListener('dragstart', (event) => {
    const card = event.target.closest && event.target.closest('.kaizen-card[draggable="true"]');
    if (!card) return;
    dragging = card;
    card.classList.add('dragging');
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', card.dataset.card);
  });
  document.addEventListener('dragend', () => {
    if (dragging) dragging.classList.remove('dragging');
    dragging = null;
    document.querySelectorAll('.kaizen-column.drop-target').forEach((c) => c.classList.remove('drop-target'));
  });
  document.addEventListener('dragover', (event) => {
    if (!dragging) return;
    const column = event.target.closest && event.target.closest('.kaizen-column');
    if (!column) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    document.querySelectorAll('.kaizen-column.drop-target').forEach((c) => { if (c !== column) c.classList.remove('drop-target'); });
    column.classList.add('drop-target');
  });
  document.addEventListener('drop', (event) => {
    if (!dragging) return;
    const column = event.target.closest && event.target.closest('.kaizen-column');
    if (!column) return;
    event.preventDefault();
    const cards = [...column.querySelectorAll('.kaizen-card')].filter((c) => c !== dragging);
    const over = event.target.closest('.kaizen-card');
    let position = cards.length;
    if (over && over !== dragging) {
      const rect = over.getBoundingClientRect();
      position = cards.indexOf(over) + (event.clientY > rect.top + rect.height / 2 ? 1 : 0);
    }
    const card = dragging;
    dragging = null;
    move(card, { column: column.dataset.column, position: String(position) });
  });
  // The poll must not swap the board under a drag, nor steal focus from a card.
  document.body.addEventListener('htmx:beforeRequest', (event) => {
    if (dragging && event.detail.elt === boardEl()) event.preventDefault();
  });
  let focused = null;
  document.body.addEventListener('htmx:beforeSwap', () => {
    const active = document.activeElement;
    focused = active && boardEl() && boardEl().contains(active) ? active.id || (active.closest('.kaizen-card') || {}).id : null;
  });
  document.body.addEventListener('htmx:afterSettle', () => {
    if (focused) {
      const again = document.getElementById(focused);
      if (again) again.focus();
      focused = null;
    }
  });
  // The wall screen reloads now and then for the charts and the map.
  const reload = Number(document.body.dataset.reloadAfter || 0);
  if (reload > 0) window.setTimeout(() => window.location.reload(), reload * 1000);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setup);
else setup();
