// Accessibility audit run in the page by tests/browser.rs (WebDriver /execute/sync).
// Returns { problems: [string], checked: number } where `checked` counts the text elements
// whose contrast was computed, so a vacuous pass shows up.
const problems = [];
const shown = (el) => {
  const s = getComputedStyle(el);
  return s.display !== 'none' && s.visibility !== 'hidden' && el.getClientRects().length > 0;
};
const describe = (el) => el.outerHTML.slice(0, 120);

// Landmarks and language.
if (!document.documentElement.getAttribute('lang')) problems.push('html has no lang');
const mains = document.querySelectorAll('main, [role="main"]').length;
if (mains !== 1) problems.push(`${mains} main landmarks`);
if (!document.querySelector('nav, header, [role="navigation"], [role="banner"]')) {
  problems.push('no nav or header');
}

// Every form control has a label.
for (const el of document.querySelectorAll('input, select, textarea')) {
  if (el.type === 'hidden') continue;
  const byFor = el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
  const labelledBy = (el.getAttribute('aria-labelledby') || '').split(/\s+/)
    .some((id) => id && document.getElementById(id) && document.getElementById(id).textContent.trim());
  const named = byFor || el.closest('label') || (el.getAttribute('aria-label') || '').trim() || labelledBy;
  if (!named) problems.push(`unlabelled control: ${describe(el)}`);
}

// Images and SVG have accessible names (or are hidden from assistive technology).
for (const el of document.querySelectorAll('img')) {
  if (!el.hasAttribute('alt')) problems.push(`img without alt: ${describe(el)}`);
}
for (const el of document.querySelectorAll('svg')) {
  if (el.parentElement && el.parentElement.closest('svg')) continue;
  if (el.closest('[aria-hidden="true"]')) continue;
  const title = el.querySelector(':scope > title');
  const labelledBy = (el.getAttribute('aria-labelledby') || '').split(/\s+/)
    .some((id) => id && document.getElementById(id) && document.getElementById(id).textContent.trim());
  const named = (el.getAttribute('aria-label') || '').trim() || labelledBy || (title && title.textContent.trim());
  if (!named) problems.push(`svg without a name: ${describe(el)}`);
}

// Text contrast >= 4.5:1 (WCAG AA), from computed styles.
const rgba = (c) => {
  const m = /rgba?\(([^)]+)\)/.exec(c || '');
  if (!m) return null;
  const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
};
const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3]));
const luminance = (rgb) => {
  const [r, g, b] = rgb.map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
// The colour behind an element: its own and its ancestors' backgrounds composited on white;
// null when an image or gradient is in the way (cannot be computed from styles).
const backdrop = (el) => {
  const layers = [];
  for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
    const s = getComputedStyle(n);
    if (s.backgroundImage && s.backgroundImage !== 'none') return null;
    const c = rgba(s.backgroundColor);
    if (c && c[3] > 0) {
      layers.push(c);
      if (c[3] >= 1) break;
    }
  }
  return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255]);
};
const opacity = (el) => {
  let o = 1;
  for (let n = el; n && n.nodeType === 1; n = n.parentElement) o *= Number(getComputedStyle(n).opacity);
  return o;
};
let checked = 0;
for (const el of document.querySelectorAll('body *')) {
  // SVG text is drawn on shapes, not on CSS backgrounds; the plan's labels are dark on light
  // fills by construction (assets/app.css), so only HTML text is measured here.
  if (el.closest('svg') || !shown(el)) continue;
  const text = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  if (!text) continue;
  const bg = backdrop(el);
  if (!bg) continue;
  const fg = rgba(getComputedStyle(el).color);
  if (!fg) continue;
  fg[3] *= opacity(el);
  const ink = over(fg, bg);
  const [hi, lo] = [luminance(ink), luminance(bg)].sort((a, b) => b - a);
  const ratio = (hi + 0.05) / (lo + 0.05);
  checked += 1;
  if (ratio < 4.5) problems.push(`contrast ${ratio.toFixed(2)}:1 < 4.5:1: ${describe(el)}`);
}
return { problems, checked };
