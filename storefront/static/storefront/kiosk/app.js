/* OCOP kiosk: sells from a local catalogue snapshot, keeps every sale in IndexedDB
   first, and syncs the queue when the network is there. No build step, no framework. */
(function () {
  "use strict";
  const script = document.currentScript;
  const IDLE_SECONDS = Number(script.dataset.idleSeconds || 120);
  const CACHE = "ocop-kiosk-v1";
  const $ = (id) => document.getElementById(id);

  /* ---------- words, Vietnamese first ---------- */
  const WORDS = {
    vi: {
      title: "Quầy OCOP", scan: "Quét tem", report: "Báo cáo ngày", lock: "Khoá",
      setupTitle: "Cài đặt thiết bị", tokenLabel: "Mã thiết bị (in trên phiếu đăng ký)",
      setupButton: "Kết nối", lockTitle: "Nhập mã PIN để mở quầy", pinLabel: "Mã PIN",
      unlock: "Mở khoá", search: "Tìm sản phẩm", searchPlaceholder: "Tìm sản phẩm…",
      cart: "Giỏ hàng", total: "Tổng", cash: "Tiền mặt", vietqr: "Chuyển khoản VietQR",
      card: "Thẻ (cần mạng)", cardFailed: "Không tạo được đơn thanh toán thẻ: ",
queue: "Đơn đã bán", cashTitle: "Thanh toán tiền mặt",
      due: "Phải trả", tendered: "Khách đưa (₫)", change: "Tiền thừa",
      confirmSale: "Xác nhận bán", cancel: "Huỷ", qrTitle: "Quét mã để chuyển khoản",
      note: "Nội dung", qrHelp: "Đơn sẽ ở trạng thái \"chờ chuyển khoản\" đến khi đối soát sao kê.",
      qrDone: "Khách đã chuyển – xong", receipt: "Hoá đơn", print: "In hoá đơn", vatIncluded: "Trong đó thuế GTGT",
      newSale: "Đơn mới", back: "Quay lại", online: "Có mạng", offline: "Mất mạng – vẫn bán được",
      pricesAsOf: "Giá cập nhật lúc", emptyCart: "Chạm vào sản phẩm để thêm vào giỏ.",
      pending: "chờ gửi", synced: "đã đồng bộ", flagged: "đã đồng bộ, cần cán bộ kiểm tra",
      failed: "lỗi", wrongPin: "Sai mã PIN.", tooLittle: "Khách đưa ít hơn số phải trả.",
      badToken: "Không kết nối được: ", needsNetwork: "Cần mạng để lấy danh mục lần đầu.",
paidCash: "Tiền mặt",
      paidQr: "VietQR – chờ chuyển khoản", sale: "Mã đơn", trace: "Truy xuất nguồn gốc",
      queueSummary: (p, s, f) => `${p} chờ gửi · ${s} đã đồng bộ · ${f} lỗi`,
      noProducts: "Không có sản phẩm phù hợp.", stock: "còn", soldOut: "Hết hàng", producer: "Chủ thể",
      reportOffline: "Báo cáo ngày cần có mạng.", method: "Hình thức", count: "Số đơn",
      gross: "Doanh thu", commission: "Hoa hồng", net: "Thực nhận", quantity: "Số lượng",
      flaggedCount: "Đơn cần cán bộ kiểm tra", scanNone: "Máy này không quét mã được.",
    },
    en: {
      title: "OCOP stall", scan: "Scan a stamp", report: "Day report", lock: "Lock",
      setupTitle: "Set up this device", tokenLabel: "Device token (printed on the registration slip)",
      setupButton: "Connect", lockTitle: "Enter the PIN to open the stall", pinLabel: "PIN",
      unlock: "Unlock", search: "Search products", searchPlaceholder: "Search products…",
      cart: "Cart", total: "Total", cash: "Cash", vietqr: "VietQR transfer",
      card: "Card (needs network)", cardFailed: "The card sale could not be started: ",
queue: "Sales", cashTitle: "Cash payment",
      due: "Due", tendered: "Tendered (₫)", change: "Change",
      confirmSale: "Confirm sale", cancel: "Cancel", qrTitle: "Scan to pay by transfer",
      note: "Note", qrHelp: "The sale waits as \"awaiting transfer\" until the statement is reconciled.",
      qrDone: "Customer has paid – done", receipt: "Receipt", print: "Print receipt", vatIncluded: "Of which VAT",
      newSale: "New sale", back: "Back", online: "Online", offline: "Offline – still selling",
      pricesAsOf: "Prices as of", emptyCart: "Tap a product to add it to the cart.",
      pending: "pending", synced: "synced", flagged: "synced, flagged for staff",
      failed: "failed", wrongPin: "Wrong PIN.", tooLittle: "Less than the amount due.",
      badToken: "Cannot connect: ", needsNetwork: "The first catalogue needs the network.",
paidCash: "Cash",
      paidQr: "VietQR – awaiting transfer", sale: "Sale", trace: "Traceability",
      queueSummary: (p, s, f) => `${p} pending · ${s} synced · ${f} failed`,
      noProducts: "No matching product.", stock: "left", soldOut: "Sold out", producer: "Producer",
      reportOffline: "The day report needs the network.", method: "Method", count: "Sales",
      gross: "Revenue", commission: "Commission", net: "Net", quantity: "Quantity",
      flaggedCount: "Sales flagged for staff", scanNone: "This device cannot scan codes.",
    },
  };
  let lang = localStorage.getItem("kiosk-lang") || "vi";
  const t = (key) => WORDS[lang][key];

  function translatePage() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-i18n]").forEach((node) => { node.textContent = t(node.dataset.i18n); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach((node) => {
      node.placeholder = t(node.dataset.i18nPlaceholder);
    });
    $("lang").textContent = lang === "vi" ? "English" : "Tiếng Việt";
    $("lang").lang = lang === "vi" ? "en" : "vi";
  }

  /* ---------- money and VietQR, built on the device ---------- */
  const vnd = (amount) => `${Math.round(amount).toLocaleString("de-DE")}\u00a0₫`;

  function crc16(text) {
    let crc = 0xffff;
    for (let i = 0; i < text.length; i += 1) {
      crc ^= text.charCodeAt(i) << 8;
      for (let bit = 0; bit < 8; bit += 1) {
        crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
      }
    }
    return crc.toString(16).toUpperCase().padStart(4, "0");
  }
  const tlv = (id, value) => `${id}${String(value.length).padStart(2, "0")}${value}`;

  function vietqrPayload(bankBin, account, amount, note) {
    const beneficiary = tlv("00", bankBin) + tlv("01", account);
    const merchant = tlv("00", "A000000727") + tlv("01", beneficiary) + tlv("02", "QRIBFTTA");
    const body = tlv("00", "01") + tlv("01", "12") + tlv("38", merchant) + tlv("53", "704") +
      tlv("54", String(Math.round(amount))) + tlv("58", "VN") + tlv("62", tlv("08", note)) + "6304";
    return body + crc16(body);
  }

  function qrSvg(text) {
    const code = qrcode(0, "M");
    code.addData(text);
    code.make();
    const count = code.getModuleCount();
    const quiet = 4;
    const size = count + quiet * 2;
    let path = "";
    for (let row = 0; row < count; row += 1) {
      for (let col = 0; col < count; col += 1) {
        if (code.isDark(row, col)) path += `M${col + quiet} ${row + quiet}h1v1h-1z`;
      }
    }
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", text);
    svg.setAttribute("data-payload", text);
    svg.innerHTML = `<rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/>`;
    return svg;
  }

  const saleCode = (id) => "KS" + id.replace(/-/g, "").slice(0, 10).toUpperCase();
  const gtin14 = (gtin) => gtin.padStart(14, "0");

  /* ---------- IndexedDB: the sale is stored before anything else happens ---------- */
  let database;
  function openDatabase() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open("ocop-kiosk", 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore("meta");
        request.result.createObjectStore("sales", { keyPath: "id" });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  function store(name, mode, action) {
    return new Promise((resolve, reject) => {
      const transaction = database.transaction(name, mode);
      const request = action(transaction.objectStore(name));
      transaction.oncomplete = () => resolve(request && request.result);
      transaction.onerror = () => reject(transaction.error);
    });
  }
  const getMeta = (key) => store("meta", "readonly", (s) => s.get(key));
  const setMeta = (key, value) => store("meta", "readwrite", (s) => s.put(value, key));
  const putSale = (sale) => store("sales", "readwrite", (s) => s.put(sale));
  const allSales = () => store("sales", "readonly", (s) => s.getAll());

  /* ---------- state ---------- */
  let token = null;
  let snap = null;
  const cart = new Map();
  const variants = new Map();

  function show(screen) {
    ["setup", "lock", "shop", "receipt", "report"].forEach((id) => { $(id).hidden = id !== screen; });
  }
  function banner(text) {
    $("banner").textContent = text || "";
    $("banner").hidden = !text;
  }
  function renderNet() {
    $("net").textContent = navigator.onLine ? t("online") : t("offline");
    $("net").className = `badge ${navigator.onLine ? "on" : "off"}`;
    const cardAllowed = snap && snap.channel.paymentMethods.includes("stripe");
    $("pay-card").hidden = !cardAllowed;
    $("pay-card").disabled = !navigator.onLine || !cart.size;
  }

  async function api(path, options = {}) {
    const response = await fetch(path, {
      ...options,
      headers: { ...(options.headers || {}), Authorization: `Bearer ${token}` },
      cache: "no-store",
    });
    const body = await response.json().catch(() => ({}));
    if (response.status === 403 && body.error) {
      const error = new Error(lang === "en" ? body.error.message_en : body.error.message_vi);
      error.refused = true;
      throw error;
    }
    if (!response.ok) {
      const reason = body.result && (lang === "en" ? body.result.message_en : body.result.message_vi);
      throw new Error(reason || `HTTP ${response.status}`);
    }
    return body;
  }

  async function refreshSnapshot() {
    const fresh = await api("/kiosk/api/snapshot");
    snap = fresh;
    // The server's stock counts the sales it has; those still on this device come off.
    const pending = database ? (await allSales()).filter((sale) => sale.status === "pending") : [];
    pending.forEach((sale) => takeStock(sale.lines));
    await setMeta("snapshot", snap);
    indexSnapshot();
    cacheImages();
    return fresh;
  }
  /* Stock on this device: the snapshot's, less what was sold here since. */
  function takeStock(lines) {
    const byVariant = new Map(lines.map((line) => [line.variant, line.quantity]));
    snap.products.forEach((product) => product.variants.forEach((variant) => {
      if (byVariant.has(variant.id)) variant.stock -= byVariant.get(variant.id);
    }));
  }
  const available = (id) => variants.get(id).stock - (cart.get(id) || 0);
  function addToCart(id) {
    if (available(id) <= 0) return;
    cart.set(id, (cart.get(id) || 0) + 1);
    renderCart();
  }
  function indexSnapshot() {
    variants.clear();
    snap.products.forEach((product) => product.variants.forEach((variant) => {
      variants.set(variant.id, { ...variant, product });
    }));
    $("device-name").textContent = snap.device.name;
    $("prices-as-of").textContent = `${t("pricesAsOf")} ${new Date(snap.pricesAsOf).toLocaleString(lang === "vi" ? "vi-VN" : "en-GB")}`;
  }
  function cacheImages() {
    if (!("caches" in window)) return;
    const urls = snap.products.map((p) => p.image).filter(Boolean);
    caches.open(CACHE).then((cache) => cache.addAll(urls)).catch(() => {});
  }
  function cacheShell() {
    if (!("caches" in window)) return;
    const urls = ["/kiosk/", ...[...document.querySelectorAll("script[src], link[href]")].map((n) => n.src || n.href)];
    caches.open(CACHE).then((cache) => cache.addAll(urls)).catch(() => {});
  }

  /* ---------- catalogue and cart ---------- */
  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d").toLowerCase();

  function renderProducts() {
    const query = fold($("search").value.trim());
    const box = $("products");
    box.textContent = "";
    const groups = new Map();
    snap.products
      .filter((p) => !query || fold(`${p.name} ${p.nameEn} ${p.producer.name} ${p.group}`).includes(query))
      .forEach((p) => {
        if (!groups.has(p.producer.name)) groups.set(p.producer.name, []);
        groups.get(p.producer.name).push(p);
      });
    if (!groups.size) {
      box.innerHTML = `<p class="muted">${t("noProducts")}</p>`;
      return;
    }
    groups.forEach((products, producer) => {
      const section = document.createElement("section");
      section.innerHTML = `<h2 class="producer"></h2><div class="tiles"></div>`;
      section.querySelector("h2").textContent = producer;
      products.forEach((product) => product.variants.forEach((variant) => {
        const tile = document.createElement("button");
        tile.type = "button";
        tile.className = "tile";
        tile.dataset.variant = variant.id;
        const name = lang === "en" && product.nameEn ? product.nameEn : product.name;
        tile.innerHTML = `${product.image ? '<img alt="" loading="lazy">' : ""}<span class="name"></span>` +
          `<span class="variant"></span><span class="stars"></span><span class="group"></span><span class="price"></span><span class="stock"></span>`;
        if (product.image) tile.querySelector("img").src = product.image;
        tile.querySelector(".name").textContent = name;
        tile.querySelector(".variant").textContent = variant.name;
        tile.querySelector(".stars").textContent = product.stars ? "★".repeat(product.stars) : "";
        tile.querySelector(".group").textContent = product.group;
        tile.querySelector(".price").textContent = vnd(variant.price);
        const left = variants.get(variant.id).stock;
        tile.querySelector(".stock").textContent = left > 0 ? `${t("stock")} ${left}` : t("soldOut");
        tile.disabled = available(variant.id) <= 0;
        tile.classList.toggle("soldout", left <= 0);
        tile.addEventListener("click", () => addToCart(variant.id));
        section.querySelector(".tiles").appendChild(tile);
      }));
      box.appendChild(section);
    });
  }

  const cartTotal = () => [...cart].reduce((sum, [id, qty]) => sum + variants.get(id).price * qty, 0);

  function renderCart() {
    const list = $("cart-lines");
    list.textContent = "";
    if (!cart.size) list.innerHTML = `<li class="muted">${t("emptyCart")}</li>`;
    cart.forEach((quantity, id) => {
      const variant = variants.get(id);
      const item = document.createElement("li");
      item.innerHTML = `<span class="what"></span><button type="button" class="less" aria-label="−1">−</button>` +
        `<span class="qty"></span><button type="button" class="more" aria-label="+1">+</button><span class="amount"></span>`;
      item.querySelector(".what").textContent = `${variant.product.name} – ${variant.name}`;
      item.querySelector(".qty").textContent = quantity;
      item.querySelector(".amount").textContent = vnd(variant.price * quantity);
      item.querySelector(".less").addEventListener("click", () => {
        if (quantity <= 1) cart.delete(id); else cart.set(id, quantity - 1);
        renderCart();
      });
      item.querySelector(".more").disabled = available(id) <= 0;
      item.querySelector(".more").addEventListener("click", () => addToCart(id));
      list.appendChild(item);
    });
    $("cart-total").textContent = vnd(cartTotal());
    ["pay-cash", "pay-vietqr"].forEach((button) => { $(button).disabled = !cart.size; });
    renderNet();
    document.querySelectorAll("#products .tile").forEach((tile) => {
      tile.disabled = available(Number(tile.dataset.variant)) <= 0;
    });
  }

  /* ---------- selling ---------- */
  async function recordSale(method, extra, id = crypto.randomUUID()) {
    const lines = [...cart].map(([variant, quantity]) => ({ variant, quantity, unitPrice: variants.get(variant).price }));
    const sale = {
      id, code: saleCode(id), soldAt: new Date().toISOString(), pricesAsOf: snap.pricesAsOf, status: "pending",
      payment: { method, ...extra }, lines, total: cartTotal(),
      receipt: lines.map((line) => {
        const v = variants.get(line.variant);
        return { product: v.product.name, variant: v.name, producer: v.product.producer.name,
          stars: v.product.stars, gtin: v.gtin, quantity: line.quantity, amount: line.unitPrice * line.quantity,
          vatRate: v.product.vatRate || 0 };
      }),
    };
    await putSale(sale); // stored on the device before anything else
    takeStock(lines);
    await setMeta("snapshot", snap);
    indexSnapshot();
    cart.clear();
    renderCart();
    renderReceipt(sale);
    renderQueue();
    syncSoon(0);
    return sale;
  }

  function payCash() {
    const due = cartTotal();
    $("cash-due").textContent = vnd(due);
    $("tendered").value = "";
    $("cash-change").textContent = vnd(0);
    $("cash-error").textContent = "";
    const quick = $("quick-cash");
    quick.textContent = "";
    [due, 50000, 100000, 200000, 500000].filter((v, i) => i === 0 || v > due).forEach((value) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = vnd(value);
      button.addEventListener("click", () => { $("tendered").value = value; updateChange(); });
      quick.appendChild(button);
    });
    $("cash-dialog").showModal();
  }
  function updateChange() {
    const tendered = Number($("tendered").value || 0);
    $("cash-change").textContent = vnd(Math.max(tendered - cartTotal(), 0));
  }

  let pendingQr = null;
  function payVietqr() {
    const id = crypto.randomUUID();
    const amount = cartTotal();
    const note = saleCode(id);
    const payload = vietqrPayload(snap.vietqr.bankBin, snap.vietqr.account, amount, note);
    pendingQr = { id, payload };
    $("qr-code").textContent = "";
    $("qr-code").appendChild(qrSvg(payload));
    $("qr-amount").textContent = vnd(amount);
    $("qr-note").textContent = note;
    $("qr-dialog").showModal();
  }

  /* Card: online only. The order is made now and the card is taken on its page. */
  async function payCard() {
    const id = crypto.randomUUID();
    const lines = [...cart].map(([variant, quantity]) => ({ variant, quantity, unitPrice: variants.get(variant).price }));
    const sale = { id, soldAt: new Date().toISOString(), pricesAsOf: snap.pricesAsOf, payment: { method: "stripe" }, lines };
    try {
      const answer = await api("/kiosk/api/card", {
        method: "POST", body: JSON.stringify(sale), headers: { "Content-Type": "application/json" },
      });
      await putSale({ ...sale, code: saleCode(id), status: "synced", order: answer.result.order,
        total: cartTotal(), receipt: [] });
      cart.clear();
      window.location.assign(answer.url);
    } catch (error) {
      banner(t("cardFailed") + error.message);
    }
  }

  /* Prices include VAT; the receipt names the tax in them per rate, rounded half up to
     the đồng as the server does (marketplace/taxes.py), so it matches the order. */
  function vatSummary(lines) {
    const byRate = new Map();
    lines.forEach((line) => {
      const rate = line.vatRate || 0;
      const tax = Math.round(line.amount * rate / (100 + rate));
      byRate.set(rate, (byRate.get(rate) || 0) + tax);
    });
    const list = document.createElement("p");
    list.className = "vat";
    list.textContent = [...byRate].sort((a, b) => b[0] - a[0])
      .map(([rate, tax]) => `${t("vatIncluded")} ${rate}%: ${vnd(tax)}`).join(" · ");
    return list;
  }

  function renderReceipt(sale) {
    const body = $("receipt-body");
    body.textContent = "";
    const head = document.createElement("p");
    head.textContent = `${snap.device.name} · ${new Date(sale.soldAt).toLocaleString(lang === "vi" ? "vi-VN" : "en-GB")} · ${t("sale")} ${sale.code}`;
    body.appendChild(head);
    const table = document.createElement("table");
    table.className = "lines";
    sale.receipt.forEach((line) => {
      const row = table.insertRow();
      row.insertCell().textContent = `${line.quantity} × ${line.product} – ${line.variant}`;
      row.insertCell().textContent = `${line.producer} ${line.stars ? "★".repeat(line.stars) : ""}`;
      row.insertCell().textContent = vnd(line.amount);
      const trace = row.insertCell();
      if (line.gtin) {
        const url = `${snap.traceBaseUrl}/01/${gtin14(line.gtin)}`;
        trace.className = "traceqr";
        trace.appendChild(qrSvg(url));
      }
    });
    body.appendChild(table);
    body.appendChild(vatSummary(sale.receipt));
    const total = document.createElement("p");
    total.className = "total";
    const paid = sale.payment.method === "cash"
      ? `${t("paidCash")}: ${vnd(sale.payment.tendered)} · ${t("change")}: ${vnd(sale.payment.tendered - sale.total)}`
      : t("paidQr");
    total.innerHTML = `<strong></strong><br><span></span>`;
    total.querySelector("strong").textContent = `${t("total")}: ${vnd(sale.total)}`;
    total.querySelector("span").textContent = paid;
    body.appendChild(total);
    show("receipt");
  }

  async function renderQueue() {
    const sales = (await allSales()).sort((a, b) => b.soldAt.localeCompare(a.soldAt));
    const list = $("queue");
    list.textContent = "";
    const counts = { pending: 0, synced: 0, failed: 0 };
    sales.forEach((sale) => {
      counts[sale.status === "failed" ? "failed" : sale.status === "pending" ? "pending" : "synced"] += 1;
    });
    sales.slice(0, 30).forEach((sale) => {
      const item = document.createElement("li");
      item.className = sale.status;
      item.dataset.status = sale.status;
      const reason = sale.reason ? ` – ${lang === "en" ? sale.reason.en : sale.reason.vi}` : "";
      item.textContent = `${sale.code} · ${vnd(sale.total)} · ${t(sale.status)}${sale.order ? ` (${sale.order})` : ""}${reason}`;
      list.appendChild(item);
    });
    $("queue-summary").textContent = WORDS[lang].queueSummary(counts.pending, counts.synced, counts.failed);
  }

  /* ---------- sync: online event, focus, and a timer with backoff ---------- */
  let syncing = false;
  let failures = 0;
  let timer = null;
  function syncSoon(delay) {
    clearTimeout(timer);
    timer = setTimeout(syncNow, delay);
  }
  async function syncNow() {
    if (syncing || !token) return;
    const pending = (await allSales()).filter((sale) => sale.status === "pending");
    if (!pending.length) { failures = 0; return; }
    syncing = true;
    try {
      const body = JSON.stringify({
        sales: pending.map(({ id, soldAt, payment, lines }) => ({ id, soldAt, payment, lines })),
      });
      const answer = await api("/kiosk/api/sync", { method: "POST", body, headers: { "Content-Type": "application/json" } });
      const byId = new Map(pending.map((sale) => [sale.id, sale]));
      for (const result of answer.results) {
        const sale = byId.get(result.id);
        if (!sale) continue;
        if (result.status === "failed") {
          sale.status = "failed";
          sale.reason = { vi: result.message_vi, en: result.message_en };
        } else {
          sale.status = result.status;
          sale.order = result.order;
          sale.flags = result.flags;
        }
        await putSale(sale);
      }
      failures = 0;
      banner("");
      // Fresh stock and prices now that the server has the sales.
      await refreshSnapshot().catch(() => {});
      if (!$("shop").hidden) { renderProducts(); renderCart(); }
    } catch (error) {
      failures += 1;
      if (error.refused) banner(error.message);
      syncSoon(Math.min(300000, 5000 * 2 ** Math.min(failures, 6)));
    } finally {
      syncing = false;
      renderQueue();
    }
  }

  /* ---------- locking, idle reset, scanning, report ---------- */
  async function unlock(pin) {
    const data = new TextEncoder().encode(`${snap.device.pinSalt}:${pin}`);
    const digest = await crypto.subtle.digest("SHA-256", data);
    const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
    return hex === snap.device.pinHash;
  }
  let idleTimer = null;
  function resetIdle() {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      cart.clear();
      document.querySelectorAll("dialog[open]").forEach((d) => d.close());
      $("search").value = "";
      if (!$("lock").hidden || !$("setup").hidden) return;
      renderProducts();
      renderCart();
      show("shop");
    }, IDLE_SECONDS * 1000);
  }

  // A scanned stamp opens on this programme's resolver, whatever domain its code names (a
  // fake stamp may point anywhere), and as its lot's page: opening the stamp's own page
  // here would count the seller's scan, and the buyer's first scan would then say
  // "scanned before".
  function stampTraceUrl(text) {
    const match = /\/01\/(\d{8,14})(?:\/10\/([^/?#]+))?/.exec(text);
    if (!match) return null;
    return `${snap.traceBaseUrl}/01/${match[1]}${match[2] ? `/10/${match[2]}` : ""}`;
  }

  async function openScanner() {
    const video = $("scan-video");
    $("scan-error").textContent = "";
    $("scan-dialog").showModal();
    try {
      const detector = new BarcodeDetector({ formats: ["qr_code"] });
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
      video.srcObject = stream;
      await video.play();
      const stop = () => stream.getTracks().forEach((track) => track.stop());
      $("scan-dialog").addEventListener("close", stop, { once: true });
      const look = async () => {
        if (!$("scan-dialog").open) return;
        const found = await detector.detect(video).catch(() => []);
        const url = found.map((code) => stampTraceUrl(code.rawValue)).find(Boolean);
        if (url) { $("scan-dialog").close(); window.open(url, "_blank", "noopener"); return; }
        requestAnimationFrame(look);
      };
      look();
    } catch (error) {
      $("scan-error").textContent = `${t("scanNone")} ${error.message || ""}`;
    }
  }

  function table(headings, rows) {
    const element = document.createElement("table");
    const head = element.createTHead().insertRow();
    headings.forEach((text) => { const cell = document.createElement("th"); cell.textContent = text; head.appendChild(cell); });
    const body = element.createTBody();
    rows.forEach((values) => { const row = body.insertRow(); values.forEach((value) => { row.insertCell().textContent = value; }); });
    return element;
  }

  async function openReport() {
    const box = $("report-body");
    box.textContent = "";
    show("report");
    if (!navigator.onLine) { box.textContent = t("reportOffline"); return; }
    try {
      const data = await api("/kiosk/api/report");
      // Every value from the server goes in as text: a device or producer name is data.
      const line = document.createElement("p");
      const strong = document.createElement("strong");
      strong.dataset.testid = "report-total";
      strong.textContent = vnd(data.total);
      line.append(`${data.device} · ${data.day} · ${t("total")}: `, strong);
      const methods = Object.entries(data.byMethod).map(([m, r]) => [m, r.count, vnd(r.total)]);
      const producers = data.producers.map((p) => [p.name, p.quantity, vnd(p.gross), vnd(p.commission), vnd(p.net)]);
      const flagged = document.createElement("p");
      flagged.textContent = `${t("flaggedCount")}: ${data.flagged}`;
      box.append(line, table([t("method"), t("count"), t("total")], methods),
        table([t("producer"), t("quantity"), t("gross"), t("commission"), t("net")], producers), flagged);
    } catch (error) {
      box.textContent = error.message;
    }
  }

  /* ---------- start ---------- */
  async function start() {
    translatePage();
    database = await openDatabase();
    if ("serviceWorker" in navigator && script.dataset.sw) {
      navigator.serviceWorker.register(script.dataset.sw, { scope: "/kiosk/" }).catch(() => {});
    }
    cacheShell();
    token = await getMeta("token");
    snap = await getMeta("snapshot");
    renderNet();
    if (!token) { show("setup"); return; }
    if (navigator.onLine) await refreshSnapshot().catch((error) => { if (error.refused) banner(error.message); });
    if (!snap) { show("setup"); $("setup-error").textContent = t("needsNetwork"); return; }
    indexSnapshot();
    show("lock");
    $("pin").focus();
    renderQueue();
    syncSoon(0);
  }

  function wire() {
    $("setup-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      token = $("token").value.trim();
      try {
        await refreshSnapshot();
        await setMeta("token", token);
        show("lock");
        $("pin").focus();
      } catch (error) {
        $("setup-error").textContent = t("badToken") + error.message;
        token = null;
      }
    });
    $("lock-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      if (await unlock($("pin").value)) {
        $("pin").value = "";
        $("pin-error").textContent = "";
        renderProducts();
        renderCart();
        show("shop");
      } else {
        $("pin-error").textContent = t("wrongPin");
      }
    });
    $("search").addEventListener("input", renderProducts);
    $("pay-cash").addEventListener("click", payCash);
    $("pay-vietqr").addEventListener("click", payVietqr);
    $("pay-card").addEventListener("click", payCard);
    $("tendered").addEventListener("input", updateChange);
    $("cash-form").addEventListener("submit", async (event) => {
      const tendered = Number($("tendered").value || 0);
      if (tendered < cartTotal()) {
        event.preventDefault();
        $("cash-error").textContent = t("tooLittle");
        return;
      }
      await recordSale("cash", { tendered });
    });
    $("qr-done").addEventListener("click", async () => {
      if (!pendingQr) return;
      // The QR already carries this sale's code, so the sale keeps the id it was drawn with.
      const { id } = pendingQr;
      pendingQr = null;
      await recordSale("vietqr", {}, id);
    });
    document.querySelectorAll("dialog .close").forEach((button) => {
      button.addEventListener("click", () => button.closest("dialog").close());
    });
    $("print").addEventListener("click", () => window.print());
    $("new-sale").addEventListener("click", () => { renderProducts(); renderCart(); show("shop"); });
    $("report-open").addEventListener("click", openReport);
    $("report-close").addEventListener("click", () => show("shop"));
    $("lock-now").addEventListener("click", () => { if (snap) show("lock"); });
    $("lang").addEventListener("click", () => {
      lang = lang === "vi" ? "en" : "vi";
      localStorage.setItem("kiosk-lang", lang);
      translatePage();
      renderNet();
      if (snap) { indexSnapshot(); renderProducts(); renderCart(); renderQueue(); }
    });
    if ("BarcodeDetector" in window) {
      $("scan-open").hidden = false;
      $("scan-open").addEventListener("click", openScanner);
    }
    window.addEventListener("online", () => { renderNet(); syncSoon(0); refreshSnapshot().catch(() => {}); });
    window.addEventListener("offline", renderNet);
    window.addEventListener("focus", () => syncSoon(0));
    ["pointerdown", "keydown"].forEach((name) => document.addEventListener(name, resetIdle));
    resetIdle();
  }

  window.ocopKiosk = { vietqrPayload, saleCode, syncNow };
  document.addEventListener("DOMContentLoaded", () => { wire(); start(); });
})();
