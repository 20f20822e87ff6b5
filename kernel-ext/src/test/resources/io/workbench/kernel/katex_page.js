// Runs the math of a page written by HtmlPage through the KaTeX script inlined in it (node, no browser):
// a stand-in document holds the page's math spans; katex.render is wrapped to keep what KaTeX made of each.
// Prints one JSON line: [{kind, source, tex, html}] per span, or exits 1 with KaTeX's error.
const fs = require('fs');
const vm = require('vm');
const page = fs.readFileSync(process.argv[2], 'utf8');
const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(m => m[1]);
const unescape = s => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const spans = [...page.matchAll(/<span class="math (inline|display)">([\s\S]*?)<\/span>/g)].map(m => ({
  kind: m[1], textContent: unescape(m[2]), classList: {contains: c => c === m[1]}
}));
const ctx = {document: {querySelectorAll: sel => sel === 'span.math' ? spans : []}};
ctx.self = ctx;
vm.createContext(ctx);
vm.runInContext(scripts[0], ctx);
const real = ctx.katex;
ctx.katex = {render: (tex, e, opts) => {
  e.tex = tex;
  e.html = real.renderToString(tex, Object.assign({}, opts, {throwOnError: true}));
}};
vm.runInContext(scripts[1], ctx);
console.log(JSON.stringify(spans.map(s => ({kind: s.kind, source: s.textContent, tex: s.tex, html: s.html}))));
