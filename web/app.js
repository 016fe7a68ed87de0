// Browser side: htmx for partial updates, plus a few progressive enhancements.
// Every page works without JavaScript; this only makes it smoother.
import htmx from 'htmx.org';

window.htmx = htmx;

document.addEventListener('DOMContentLoaded', () => {
  // Ask before destructive form submissions (buttons marked data-confirm).
  document.querySelectorAll('form [data-confirm]').forEach((button) => {
    button.form.addEventListener('submit', (event) => {
      if (event.submitter === button && !window.confirm(button.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });
  // A file picker that fills a hidden text field, so an ordinary form can carry
  // the file's text (BPMN import), read in the encoding its XML declaration names.
  document.querySelectorAll('input[type="file"][data-fills]').forEach((input) => {
    input.addEventListener('change', async () => {
      const target = document.getElementById(input.dataset.fills);
      if (!target || !input.files.length) return;
      const bytes = await input.files[0].arrayBuffer();
      const head = new TextDecoder('latin1').decode(bytes.slice(0, 200));
      const declared = /^<\?xml[^>]*encoding=["']([A-Za-z0-9._:-]+)["']/.exec(head);
      let decoder = new TextDecoder('utf-8');
      try {
        if (declared) decoder = new TextDecoder(declared[1]);
      } catch {
        // A label the browser does not know: UTF-8, and the server says what is wrong.
      }
      target.value = decoder.decode(bytes);
    });
  });
  document.querySelectorAll('[data-print]').forEach((button) => {
    button.addEventListener('click', () => window.print());
  });
  setUpMenuButton();
  translateBrowserChecks();
  // Move focus to where the problem is: the error summary of a long form, else
  // the first field with an error, else the page's alert.
  const summary = addErrorSummary();
  const invalid = document.querySelector('[aria-invalid="true"]');
  const alert = document.querySelector('.alert[tabindex="-1"]');
  (summary || invalid || alert)?.focus();
});

// On a phone the menu folds behind a button; without JavaScript it stays open.
function setUpMenuButton() {
  const header = document.querySelector('header.site');
  const button = header?.querySelector('.menu-toggle');
  if (!button) return;
  button.hidden = false;
  header.dataset.menu = 'closed';
  button.addEventListener('click', () => {
    const open = header.dataset.menu !== 'open';
    header.dataset.menu = open ? 'open' : 'closed';
    button.setAttribute('aria-expanded', String(open));
  });
}

// The browser's own messages for required and malformed fields follow the
// browser's language; ours follow the page's.
function translateBrowserChecks() {
  const messages = document.body.dataset;
  const messageFor = (validity) => {
    if (validity.valueMissing) return messages.msgRequired;
    if (validity.typeMismatch || validity.badInput || validity.patternMismatch) return messages.msgType;
    if (validity.rangeUnderflow || validity.rangeOverflow || validity.stepMismatch) return messages.msgRange;
    if (validity.tooLong) return messages.msgLong;
    return '';
  };
  document.addEventListener('invalid', (event) => {
    const field = event.target;
    field.setCustomValidity('');
    const message = messageFor(field.validity);
    if (message) field.setCustomValidity(message);
  }, true);
  const clear = (event) => event.target.setCustomValidity?.('');
  document.addEventListener('input', clear, true);
  document.addEventListener('change', clear, true);
}

// A long form with errors gets a list of them at its top, each a link to its
// field; on a short form the first field with an error takes focus instead.
const kLongForm = 6;
function addErrorSummary() {
  const form = document.querySelector('form:has([aria-invalid="true"])');
  if (!form || form.querySelectorAll('.field').length < kLongForm) return null;
  const items = [...form.querySelectorAll('[aria-invalid="true"][id]')].map((field) => {
    const label = form.querySelector(`label[for="${field.id}"]`)?.textContent.trim() || '';
    let error = field.closest('.field')?.querySelector('.error')?.textContent.trim() || '';
    error = error.charAt(0).toUpperCase() + error.slice(1);
    return { id: field.id, text: [label, error].filter(Boolean).join(': ') };
  });
  if (!items.length) return null;
  const summary = document.createElement('div');
  summary.className = 'error-summary';
  summary.tabIndex = -1;
  summary.setAttribute('aria-labelledby', 'error-summary-heading');
  const heading = document.createElement('h2');
  heading.id = 'error-summary-heading';
  heading.textContent = document.body.dataset.msgSummary;
  const list = document.createElement('ul');
  for (const item of items) {
    const link = document.createElement('a');
    link.href = `#${item.id}`;
    link.textContent = item.text;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      document.getElementById(item.id).focus();
    });
    const entry = document.createElement('li');
    entry.append(link);
    list.append(entry);
  }
  summary.append(heading, list);
  form.prepend(summary);
  return summary;
}
