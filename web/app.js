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
  // Move focus to the first field with an error so keyboard and screen-reader
  // users land where the problem is.
  const invalid = document.querySelector('[aria-invalid="true"]');
  if (invalid) {
    invalid.focus();
  } else {
    const alert = document.querySelector('.alert[tabindex="-1"]');
    if (alert) alert.focus();
  }
});
