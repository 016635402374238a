function popup() { for (;;) {} }
