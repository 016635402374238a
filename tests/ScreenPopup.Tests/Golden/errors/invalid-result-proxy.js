function popup() { return new Proxy({}, { ownKeys: function () { while (true) {} } }); }
