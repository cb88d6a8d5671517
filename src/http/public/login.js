// Spends the one-time code in the address with a POST (a link preview's GET cannot), then
// replaces the address with the dashboard's, so the code is not kept in the history.
(function () {
  var status = document.getElementById("status");
  var path = location.pathname;
  fetch(path, { method: "POST", headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then(function (r) {
      if (r.ok) { location.replace("/"); return; }
      return r.json().then(function (body) { status.textContent = body.error || "登录失败，请向督办机器人重新发送「看板」。"; });
    })
    .catch(function () { status.textContent = "网络错误，登录未完成：请稍后刷新本页，或向督办机器人重新发送「看板」。"; });
})();
