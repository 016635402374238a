function popup() { return eval('({})'); }
