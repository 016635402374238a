function popup() { var s = 'a'.repeat(900000).replace(/(a)/g, '$1$1$1'); return {}; }
