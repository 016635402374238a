function popup(call) {
  // Over 100,000 characters: a global match this long is counted first; 51,000 matches are within Sandbox.MaxArrayLength.
  var digits = 'a1'.repeat(51000).match(/\d/g);
  var none = 'a'.repeat(120000).match(/\d/g);
  var sticky = '11a'.repeat(40000).match(/1/gy);
  var r = /1/g;
  r.lastIndex = 7;
  var found = '1'.repeat(100).match(r);
  return { onAnswer: 'https://crm.example/?n=' + digits.length + '&none=' + none + '&sticky=' + sticky.length + '&found=' + found.length + '&last=' + r.lastIndex };
}
