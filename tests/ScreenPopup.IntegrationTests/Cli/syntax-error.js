function popup(call) {
  var x = ;
}
