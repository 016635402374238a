function popup() {
  throw { get message() { while (true) {} } };
}
