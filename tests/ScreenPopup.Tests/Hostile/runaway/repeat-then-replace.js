function popup() { var s = 'ab'.repeat(2e8).replace(/b/g, 'cc'); return {}; }
