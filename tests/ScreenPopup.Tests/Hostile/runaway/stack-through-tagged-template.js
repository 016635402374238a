function t() { return t`again`; }
function popup() { return { onAnswer: t`start` }; }
