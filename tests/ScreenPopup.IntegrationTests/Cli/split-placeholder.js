var base = 'https://crm.example/contact';
function popup(call) {
  return { onAnswer: base + '?op={$' + 'USERNAME}' };
}
