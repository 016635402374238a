function openCrm(call) {
  return { onAnswer: 'https://crm.example/' + call.CALL_POPUPINFO.join('/') };
}
