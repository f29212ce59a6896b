// kiji web reader: small enhancements only. Every page reads and every form
// works without this file; the Content-Security-Policy allows no inline script.
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  // Filters apply as soon as a select changes (the submit button stays for no-JS readers).
  for (const select of document.querySelectorAll('form.filters select')) {
    select.addEventListener('change', () => select.form && select.form.requestSubmit());
  }
  // Review: a switch to show only the paragraphs that lost something.
  const toolbar = document.querySelector('[data-review-toolbar]');
  if (toolbar) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = 'hide-kept';
    box.addEventListener('change', () => document.body.classList.toggle('hide-kept', box.checked));
    label.append(box, document.createTextNode(' show only paragraphs with drops'));
    toolbar.append(label);
  }
});
