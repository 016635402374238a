function popup() { var s = 'x'.repeat(900000); var a = []; for (var i = 0; i < 50; i++) a.push(s); return { onAnswer: a.join('') }; }
