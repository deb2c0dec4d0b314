(function(){
  function flash(){
    var id = decodeURIComponent(location.hash.slice(1)); if(!id) return;
    var el = document.getElementById(id); if(!el) return;
    document.querySelectorAll('.flash').forEach(function(e){e.classList.remove('flash');});
    el.classList.add('flash'); el.scrollIntoView({block:'center'});
  }
  window.addEventListener('hashchange', flash); window.addEventListener('DOMContentLoaded', flash);
})();
