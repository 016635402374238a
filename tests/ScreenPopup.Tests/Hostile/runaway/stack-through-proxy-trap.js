function popup() { var p = new Proxy({}, { get: function (target, key, receiver) { return receiver[key]; } }); return { onAnswer: p.url }; }
