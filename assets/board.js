// The dispatch board: drag a job or a waiting order onto a worker's row to offer or assign
// it to that worker (the choice above the board says which). A drop submits the same form a
// keyboard user submits from the job's own "Offer or assign" control, so the server applies
// the manual rules and answers with the board and its message. Nothing else needs script.
(function () {
  "use strict";
  var dragged = null;
  document.addEventListener("dragstart", function (event) {
    var job = event.target.closest && event.target.closest(".job[data-order][draggable='true']");
    if (!job) { return; }
    dragged = job.getAttribute("data-order");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged);
  });
  document.addEventListener("dragend", function () {
    dragged = null;
    document.querySelectorAll(".board-row.drop-over").forEach(function (row) {
      row.classList.remove("drop-over");
    });
  });
  function rowOf(event) {
    return event.target.closest && event.target.closest(".board-row[data-worker]");
  }
  document.addEventListener("dragover", function (event) {
    var row = rowOf(event);
    if (!row || !dragged) { return; }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    document.querySelectorAll(".board-row.drop-over").forEach(function (other) {
      if (other !== row) { other.classList.remove("drop-over"); }
    });
    row.classList.add("drop-over");
  });
  document.addEventListener("drop", function (event) {
    var row = rowOf(event);
    var form = document.getElementById("board-drop");
    if (!row || !form) { return; }
    event.preventDefault();
    var order = dragged || event.dataTransfer.getData("text/plain");
    if (!/^[0-9]+$/.test(order || "")) { return; }
    var how = document.querySelector("input[name='drop_how']:checked");
    var verb = how && how.value === "assign" ? "assign" : "offer";
    form.action = "/manage/schedule/orders/" + order + "/" + verb;
    form.elements.worker.value = row.getAttribute("data-worker");
    form.submit();
  });
})();
