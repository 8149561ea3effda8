"""What the map runs in the browser: Leaflet callbacks, CSS and the legend control.

Kept apart from :mod:`geo.mapview` (which assembles folium layers) because
this is JavaScript and CSS held in Python strings. Every callback trusts that
feature properties arrive HTML-escaped (:mod:`geo.eventlayer`,
``geo.mapview._tip_frame``): they only concatenate them.
"""

from __future__ import annotations

import html
import json

from branca.element import MacroElement
from folium.template import Template
from folium.utilities import JsCode

from geo.style import AGREEMENT_COLOR, EVENT_COLORS, FACTIONS

# pointToLayer / onEachFeature for the events layer. Properties arrive escaped
# (geo.eventlayer), so concatenating them into HTML is safe.
EVENT_POINT = JsCode("""
function(feature, latlng) {
  var p = feature.properties;
  // one shared canvas: thousands of markers drawn without one DOM node each
  // in the marker pane, so zones (SVG, overlay pane) never cover the events
  window.geoCanvas = window.geoCanvas || L.canvas({padding: 0.3, pane: 'markerPane'});
  return L.circleMarker(latlng, {radius: p.r, color: '#222', weight: 0.8,
    fillColor: p.c, fillOpacity: 0.8, renderer: window.geoCanvas});
}""")

EVENT_EACH = JsCode("""
function(feature, layer) {
  var p = feature.properties;
  var head = (p.n > 1 ? p.n + ' \u00d7 ' : '') + p.t + ' \u2013 ' + p.p;
  layer.bindTooltip(head + '<br>' + p.d + (p.f !== null ? ' \u00b7 ' + p.f + ' killed' : ''));
  layer.bindPopup(function() {
    var base = '/';
    try { base = window.parent.location.pathname; } catch (e) {}
    var out = '<div class="geo-popup"><b>' + head + '</b><br>' + p.d;
    if (p.f !== null) { out += ' \u00b7 fatalities: ' + p.f; }
    p.i.forEach(function(it) {
      out += '<hr><b>' + it.d + '</b>' + (it.a ? ' \u00b7 ' + it.a : '')
        + (it.f !== null ? ' \u00b7 ' + it.f + ' killed' : '')
        + '<blockquote>' + it.q + '</blockquote>'
        + '<a target="_blank" rel="noopener" href="' + base + '?tab=Reader&article=' + it.u
        + (it.o ? '&quote=' + it.o : '') + '">Open article: ' + it.s + '</a>';
    });
    if (p.n > p.i.length) { out += '<hr><i>and ' + (p.n - p.i.length) + ' more in the table</i>'; }
    return out + '</div>';
  }, {maxWidth: 360, maxHeight: 320});
}""")



def tip_each(css_class: str) -> JsCode:
    """Bind the (escaped) tooltip and tag the SVG path with a class (set before it is drawn)."""
    return JsCode(f"""
function(feature, layer) {{
  layer.options.className = '{css_class}';
  if (feature.properties.tip) {{ layer.bindTooltip(feature.properties.tip, {{sticky: true}}); }}
}}""")

TOWN_POINT = JsCode("""
function(feature, latlng) {
  var m = L.circleMarker(latlng, {radius: 2.5, color: '#333', weight: 1, fillColor: '#fff',
    fillOpacity: 1, interactive: false});
  m.bindTooltip(feature.properties.tip, {permanent: true, direction: 'right', offset: [3, 0],
    className: 'geo-town geo-rank-' + (feature.properties.rank || '4')});
  return m;
}""")

CSS = """
<style>
.leaflet-container { background: #cfe0ec; }
.geo-town { background: transparent; border: none; box-shadow: none; padding: 0 2px;
  font: 11px sans-serif; color: #222; text-shadow: 0 0 2px #fff, 0 0 2px #fff; }
.geo-town::before { display: none; }
.geo-z-le7 .geo-rank-4, .geo-z-le6 .geo-rank-3 { display: none; }
.geo-legend { background: rgba(255,255,255,0.92); padding: 5px 7px; font: 10.5px sans-serif;
  line-height: 14px; cursor: default;
  border-radius: 4px; box-shadow: 0 0 4px rgba(0,0,0,0.3); max-width: 230px; }
.geo-legend i { display: inline-block; width: 11px; height: 11px; margin-right: 5px;
  vertical-align: middle; }
.geo-legend summary { cursor: pointer; }
.geo-popup blockquote { margin: 4px 0 4px 6px; padding-left: 6px; border-left: 3px solid #ccc; }
</style>
"""


class Legend(MacroElement):
    """A Leaflet control listing event colours and faction colours."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function() {
  var legend = L.control({position: 'bottomright'});
  legend.onAdd = function() {
    var div = L.DomUtil.create('div', 'geo-legend');
    div.innerHTML = {{ this.html_json }};
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  var map = {{ this._parent.get_name() }};
  legend.addTo(map);
  // fewer town labels when zoomed out (CSS hides the minor ranks)
  function zoomClass() {
    var z = map.getZoom(), c = map.getContainer();
    c.classList.toggle('geo-z-le7', z <= 7);
    c.classList.toggle('geo-z-le6', z <= 6);
  }
  map.on('zoomend', zoomClass);
  zoomClass();
})();
{% endmacro %}
""")

    def __init__(self) -> None:
        super().__init__()
        self._name = "Legend"
        rows = ["<b>Events</b> (size: fatalities)"]
        rows += [
            f'<i style="background:{c};border-radius:50%"></i>{html.escape(t)}'
            for t, c in EVENT_COLORS.items()
        ]
        rows.append("<b>Control zones</b>")
        rows += [
            f"<i style=\"background:{c};opacity:.7\"></i>{html.escape(lbl)}" for lbl, c in FACTIONS.values()
        ]
        rows.append(f'<i style="border:2px dashed {AGREEMENT_COLOR}"></i>Agreement zone')
        self.html_json = json.dumps("<details open><summary><b>Legend</b></summary>" + "<br>".join(rows)
                                    + "</details>")
