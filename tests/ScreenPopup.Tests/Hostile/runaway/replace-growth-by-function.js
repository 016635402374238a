function popup() { var s = 'a'.repeat(900000).replace(/a/g, function () { return 'bbbbbbbbbb'; }); return {}; }
