function popup() { while (true) {} }
