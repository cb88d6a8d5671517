// The dashboard page. Every element is made with createElement and filled with textContent:
// reporters' text (progress notes, aliases) is shown as text and never parsed as markup, and
// the CSP (src/http/csp.ts) refuses inline script and style besides. Sign-in rides on the
// session cookie (credentials: "same-origin"); the page keeps no token anywhere.
(function () {
  "use strict";
  var ROLE_WORDS = { admin: "管理员", reporter: "填报员", viewer: "只读用户" };
  var data = null;
  var chart = null;
  var byCode = {};

  function $(id) { return document.getElementById(id); }
  /** An element with a class and text; text goes in as text, never as markup. */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function add(parent) {
    for (var k = 1; k < arguments.length; k++) if (arguments[k]) parent.appendChild(arguments[k]);
    return parent;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function show(id, on) { $(id).classList.toggle("hidden", !on); }
  function narrow() { return window.matchMedia("(max-width: 899px)").matches; }

  function Unauthorized() { this.unauthorized = true; }
  function api(path, init) {
    var opts = { credentials: "same-origin", headers: { accept: "application/json" } };
    if (init) for (var k in init) opts[k] = init[k];
    return fetch(path, opts).then(function (r) {
      if (r.status === 401) throw new Unauthorized();
      if (!r.ok) throw new Error("服务器返回 " + r.status);
      return r.json();
    });
  }

  // the old page kept the API token here; nothing is stored in the browser any more
  try { window.localStorage.removeItem("duban-token"); } catch (e) { /* storage disabled */ }

  function showSignIn() {
    show("signin", true); show("failure", false); show("app", false); show("account", false); show("audit-card", false);
    $("sub").textContent = "请先登录";
  }
  function showFailure(message) {
    show("failure", true); show("signin", false); show("app", false);
    $("failure-text").textContent = message;
    $("sub").textContent = "加载失败";
  }
  function failed(e) {
    if (e && e.unauthorized) return showSignIn();
    showFailure("加载失败，请稍后刷新页面重试。（" + (e && e.message ? e.message : "未知错误") + "）");
  }

  function memberLabel(m) {
    if (m.name) return m.name;
    var role = ROLE_WORDS[m.role] || "人员";
    return m.unitName ? m.unitName + " · " + role : role;
  }

  function start() {
    api("/api/me").then(function (me) {
      // the machine token reaches here only from a program; people always have a member
      $("who").textContent = me.member ? memberLabel(me.member) : "接口令牌";
      show("account", true);
      var admin = !me.member || me.member.role === "admin";
      return load().then(function () { return admin ? loadAudit() : undefined; });
    }).catch(failed);
  }

  function loadAudit() {
    return api("/api/audit").then(function (a) {
      var box = $("audit");
      clear(box);
      show("audit-card", true);
      if (!a.events.length) box.appendChild(el("div", "empty", "暂无"));
      a.events.slice(0, 30).forEach(function (e) {
        var row = el("div");
        row.appendChild(el("span", "meta", e.at + " · " + e.who));
        row.appendChild(el("br"));
        row.appendChild(document.createTextNode(e.text));
        box.appendChild(row);
      });
    });
  }

  function logout() {
    fetch("/api/logout", { method: "POST", credentials: "same-origin", headers: { "content-type": "application/json" }, body: "{}" })
      .catch(function () { /* signed out on this page either way */ })
      .then(showSignIn);
  }

  function load() {
    return api("/api/dashboard").then(function (d) {
      data = d;
      byCode = {};
      d.indicators.forEach(function (i) { byCode[i.code] = i; });
      show("signin", false); show("failure", false); show("app", true);
      $("sub").textContent = "截至 " + d.date + "，时序进度 " + pct(d.schedulePct);
      renderSummary(d);
      fill($("section"), d.sections.filter(function (s) { return s.level === 0; }).map(function (s) { return [s.code, s.label + s.title]; }));
      fill($("unit"), d.units.map(function (u) { return [u, u]; }));
      renderList();
      renderRanking(d.ranking);
      renderNotReported(d.notReported);
      renderDone(d.done);
      renderFeed(d.updates);
    });
  }

  function pct(x) { return x === null || x === undefined ? "—" : x.toFixed(2) + "%"; }
  function num(v, unit) { return v === null || v === undefined ? "暂无" : v + (unit === "%" ? "%" : " " + unit); }

  function renderSummary(d) {
    var s = d.summary;
    var box = $("summary");
    clear(box);
    function item(label, n, cls) { var sp = el("span", cls, label + " "); sp.appendChild(el("b", null, n)); return sp; }
    add(box, item("指标", d.indicators.length), item("超前", s.ahead), item("落后", s.behind, "bad"), item("约束达标", s.met), item("未达标", s.unmet), item("已完成", d.done.length));
  }

  function fill(select, options) {
    if (select.options.length > 1) return;
    options.forEach(function (o) { var opt = el("option", null, o[1]); opt.value = o[0]; select.appendChild(opt); });
  }

  function matches(i) {
    var unit = $("unit").value, only = $("onlyBehind").checked;
    return (!unit || i.owner === unit) && (!only || i.pace === "behind");
  }
  function childrenOf(code) { return data.sections.filter(function (s) { return s.parentCode === code; }); }

  /** 板块 → (area) → 事项 → 指标 in the report's order and numbering; empty groups left out. */
  function renderList() {
    var list = $("list");
    parkChart();
    clear(list);
    var sec = $("section").value;
    var shown = 0;
    data.sections.filter(function (s) { return s.level === 0 && (!sec || s.code === sec); }).forEach(function (top) {
      var block = el("section", "grp-top");
      block.appendChild(el("h2", null, top.label + top.title));
      var any = false;
      childrenOf(top.code).forEach(function (child) {
        var items = childrenOf(child.code);
        if (items.length === 0) {
          var flat = itemNode(child, child.label + " " + child.title);
          if (flat) { block.appendChild(flat.node); shown += flat.count; any = true; }
          return;
        }
        var area = el("div", "grp-area");
        area.appendChild(el("h3", null, child.label + " " + child.title));
        var anyItem = false;
        items.forEach(function (it) {
          var n = itemNode(it, it.label + it.title);
          if (n) { area.appendChild(n.node); shown += n.count; anyItem = true; }
        });
        if (anyItem) { block.appendChild(area); any = true; }
      });
      if (any) list.appendChild(block);
    });
    if (!shown) list.appendChild(el("p", "empty", "没有符合条件的指标。"));
  }

  function itemNode(item, heading) {
    var rows = item.indicatorCodes.map(function (c) { return byCode[c]; }).filter(function (i) { return i && matches(i); });
    if (!rows.length) return null;
    var node = el("div", "grp-item");
    node.dataset.section = item.code;
    node.appendChild(el("h4", null, heading));
    rows.forEach(function (i) { node.appendChild(indicatorRow(i)); });
    return { node: node, count: rows.length };
  }

  function tagOf(i) {
    if (i.met === true) return el("span", "tag good", "达标");
    if (i.met === false) return el("span", "tag bad", "未达标");
    if (i.pace === "behind") return el("span", "tag bad", "落后");
    if (i.completionPct !== null && i.completionPct >= 100 && i.kind !== "constraint") return el("span", "tag good", "已完成");
    if (i.pace === "ahead") return el("span", "tag good", "超前");
    if (i.pace === "on") return el("span", "tag", "持平");
    if (i.kind === "qualitative") return el("span", "tag", "文字进展");
    return el("span", "tag", "—");
  }

  function indicatorRow(i) {
    var row = el("div", "ind" + (i.pace === "behind" || i.met === false ? " behind" : ""));
    row.dataset.code = i.code;
    row.tabIndex = 0;
    if (i.aliases.length) row.title = "又称：" + i.aliases.join("、");
    var title = el("span", "title", i.name + " ");
    var name = add(el("div", "name"), add(el("span"), title, tagOf(i)), el("span", "owner", i.owner));
    row.appendChild(name);
    if (i.completionPct !== null) {
      var bar = el("div", "bar");
      var fillEl = el("div", "fill");
      fillEl.style.width = Math.max(0, Math.min(100, i.completionPct)) + "%";
      bar.appendChild(fillEl);
      if (i.schedulePct !== null) {
        var mark = el("div", "mark");
        mark.title = "时序进度";
        mark.style.left = Math.max(0, Math.min(100, i.schedulePct)) + "%";
        bar.appendChild(mark);
      }
      row.appendChild(bar);
    }
    var textual = i.kind === "qualitative" || (i.value === null && i.statusText);
    if (i.value !== null || !textual) {
      var nums = num(i.value, i.unit) + (i.target !== null ? " / " + num(i.target, i.unit) : "") +
        (i.completionPct !== null ? "，完成 " + pct(i.completionPct) : "") + (i.schedulePct !== null ? "，时序 " + pct(i.schedulePct) : "");
      row.appendChild(el("div", "nums", nums));
    }
    if (textual) row.appendChild(el("div", "status", i.statusText || "暂无进展"));
    row.addEventListener("click", function () { showHistory(i.code, row); });
    row.addEventListener("keydown", function (e) { if (e.key === "Enter") showHistory(i.code, row); });
    return row;
  }

  function renderRanking(ranking) {
    var box = $("ranking");
    clear(box);
    ranking.forEach(function (r) {
      var li = el("li");
      li.dataset.unit = r.unit;
      var row = add(el("div", "row"), el("span", "unit", r.unit),
        el("span", r.behind ? "tag bad" : "tag good", "落后 " + r.behind + " / " + r.indicators),
        el("span", r.reportedThisMonth ? "tag good" : "tag bad", r.reportedThisMonth ? "本月已填报" : "本月未填报"));
      li.appendChild(row);
      if (r.largestGap) li.appendChild(el("div", "gap", "差距最大：" + r.largestGap.name + "，落后时序 " + r.largestGap.points.toFixed(2) + " 个百分点"));
      box.appendChild(li);
    });
  }

  function renderNotReported(units) {
    var box = $("not-reported");
    clear(box);
    if (!units.length) box.appendChild(el("li", "empty", "各单位本月均已填报。"));
    units.forEach(function (u) { box.appendChild(el("li", null, u)); });
  }

  function renderDone(done) {
    var box = $("done");
    clear(box);
    if (!done.length) box.appendChild(el("li", "empty", "暂无已完成的指标。"));
    done.forEach(function (i) {
      var li = el("li", null, i.name + "（完成 " + pct(i.completionPct) + "）");
      li.dataset.code = i.code;
      li.appendChild(el("span", "owner", " " + i.owner));
      box.appendChild(li);
    });
  }

  function renderFeed(updates) {
    var box = $("feed");
    clear(box);
    if (!updates.length) box.appendChild(el("div", "empty", "暂无"));
    updates.forEach(function (u) {
      var row = el("div");
      row.appendChild(el("span", "meta", u.at + " · " + u.who));
      row.appendChild(el("br"));
      row.appendChild(document.createTextNode(u.name + "：" + u.text));
      box.appendChild(row);
    });
  }

  /** The chart card back in the side column (after a re-render its row is gone). */
  function parkChart() {
    var card = $("chart-card");
    if (card.parentNode !== $("side")) {
      card.classList.remove("in-list");
      $("side").insertBefore(card, $("side").firstChild);
      if (chart) chart.resize();
    }
  }

  function showHistory(code, row) {
    var i = byCode[code];
    Array.prototype.forEach.call(document.querySelectorAll(".ind.selected"), function (e) { e.classList.remove("selected"); });
    row.classList.add("selected");
    api("/api/indicators/" + encodeURIComponent(code) + "/history").then(function (h) {
      var card = $("chart-card");
      // on a phone the chart goes right under the tapped row, not a screen or two further down
      if (narrow()) { row.parentNode.insertBefore(card, row.nextSibling); card.classList.add("in-list"); } else parkChart();
      $("chart-title").textContent = i.name + "（" + i.unit + "）";
      $("chart").dataset.code = code;
      drawHistory(i, h);
      if (narrow()) card.scrollIntoView({ block: "nearest" });
    }).catch(failed);
  }

  function drawHistory(i, h) {
    chart = chart || window.echarts.init($("chart"));
    chart.resize();
    var values = h.points.map(function (p) { return p.value; });
    var top = Math.max.apply(null, values.concat(i.target || 0, 0));
    var series = [{
      name: "填报值", type: "line", step: "end", symbolSize: 8, data: h.points.map(function (p) { return [p.at, p.value]; }),
      markLine: h.target !== null && h.kind !== "figure"
        ? { symbol: "none", label: { formatter: "全年目标 {c}", position: "insideEndTop" }, lineStyle: { color: "#b71c1c", type: "dashed" }, data: [{ yAxis: h.target }] }
        : undefined,
    }];
    if (h.schedule) {
      series.push({ name: "时序进度", type: "line", symbol: "none", itemStyle: { color: "#8a94a3" }, lineStyle: { color: "#8a94a3", type: "dotted" }, data: h.schedule.map(function (p) { return [p.at, p.value]; }) });
    }
    chart.setOption({
      animation: false,
      // richText: the default HTML tooltip writes inline styles, which the CSP refuses
      tooltip: { trigger: "axis", renderMode: "richText" },
      legend: { data: h.schedule ? ["填报值", "时序进度"] : ["填报值"], top: 0, right: 8 },
      grid: { left: 56, right: 24, top: 32, bottom: 40 },
      xAxis: { type: "time", min: h.from, max: h.to, axisLabel: { formatter: "{M}月" } },
      yAxis: { type: "value", min: 0, max: top > 0 ? roundUp(top * 1.1) : null },
      series: series,
    }, true);
  }

  /** 583 → 600: a top for the axis in steps of half its power of ten. */
  function roundUp(x) {
    var step = Math.pow(10, Math.floor(Math.log10(x))) / 2;
    return Math.ceil(x / step) * step;
  }

  function init() {
    ["section", "unit", "onlyBehind"].forEach(function (id) { $(id).addEventListener("change", renderList); });
    $("logout").addEventListener("click", logout);
    window.addEventListener("resize", function () {
      if (!narrow()) parkChart();
      if (chart) chart.resize();
    });
    start();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
