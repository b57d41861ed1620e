// Busy work before the page can parse on: a long task before load.
const until = performance.now() + 120;
while (performance.now() < until);
